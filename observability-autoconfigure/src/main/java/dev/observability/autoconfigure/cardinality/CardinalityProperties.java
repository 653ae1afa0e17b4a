package dev.observability.autoconfigure.cardinality;

import dev.observability.autoconfigure.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on the number of series any meter may create.
 */
@ConfigurationProperties("observability.cardinality")
public class CardinalityProperties implements InitializingBean {

	/**
	 * Maximum number of distinct series (tag combinations) of one meter name in each registry; new series
	 * past it are denied.
	 */
	private int maxSeriesPerMeter = 2000;

	public int getMaxSeriesPerMeter() {
		return this.maxSeriesPerMeter;
	}

	public void setMaxSeriesPerMeter(int maxSeriesPerMeter) {
		this.maxSeriesPerMeter = maxSeriesPerMeter;
	}

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.atLeast("observability.cardinality.max-series-per-meter", this.maxSeriesPerMeter, 1);
	}

}
