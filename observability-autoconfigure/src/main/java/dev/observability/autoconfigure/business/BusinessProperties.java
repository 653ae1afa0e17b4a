package dev.observability.autoconfigure.business;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import dev.observability.autoconfigure.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Business meters declared up front: their type, help text, unit and allowed tag keys, and the cap on each
 * tag's distinct values.
 */
@ConfigurationProperties("observability.business")
public class BusinessProperties implements InitializingBean {

	static final String PREFIX = "observability.business";

	private static final Pattern METER_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]*");

	/**
	 * Business meters by name, e.g. orders.placed, each with a type, description, base unit and tag keys.
	 */
	private Map<String, Meter> meters = new LinkedHashMap<>();

	/**
	 * Maximum number of distinct values each tag of a business meter records; further values become OTHER.
	 */
	private int maxTagValues = 100;

	public Map<String, Meter> getMeters() {
		return this.meters;
	}

	public void setMeters(Map<String, Meter> meters) {
		this.meters = meters;
	}

	public int getMaxTagValues() {
		return this.maxTagValues;
	}

	public void setMaxTagValues(int maxTagValues) {
		this.maxTagValues = maxTagValues;
	}

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.atLeast(PREFIX + ".max-tag-values", this.maxTagValues, 1);
		validate(this.meters);
	}

	/** Fails with an {@link InvalidConfigurationPropertyValueException} on the first invalid meter name, type or tag key. */
	static void validate(Map<String, Meter> meters) {
		meters.forEach((name, meter) -> {
			String key = PREFIX + ".meters[" + name + "]";
			if (name == null || !METER_NAME.matcher(name).matches()) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".meters", name,
						"a meter name: a letter followed by letters, digits, '_' or '.', such as orders.placed");
			}
			if (meter.getType() == null) {
				throw new InvalidConfigurationPropertyValueException(key + ".type", null, "one of counter, gauge, timer, summary");
			}
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < meter.getTags().size(); i++) {
				String tagKey = key + ".tags[" + i + "]";
				String tag = PropertyChecks.labelName(tagKey, meter.getTags().get(i));
				if (!seen.add(tag)) {
					throw new InvalidConfigurationPropertyValueException(tagKey, tag, "a tag key not already declared for this meter "
							+ meter.getTags());
				}
			}
		});
	}

	/** Type of a business meter. */
	public enum MeterType {

		/** A monotonically increasing count (Prometheus: _total). */
		COUNTER,

		/** A current value that goes up and down. */
		GAUGE,

		/** Durations, with count, sum and max. */
		TIMER,

		/** Amounts (order value, batch size), with count, sum and max. */
		SUMMARY

	}

	/** One business meter. */
	public static class Meter {

		/**
		 * Type of the meter: counter, gauge, timer or summary.
		 */
		private MeterType type = MeterType.COUNTER;

		/**
		 * Help text of the meter, shown by Prometheus and dashboards.
		 */
		private String description;

		/**
		 * Base unit of the meter, e.g. orders, cents or bytes (timers are always in seconds).
		 */
		private String baseUnit;

		/**
		 * Tag keys the meter may be recorded with; each must be a valid Prometheus label name.
		 */
		private List<String> tags = new ArrayList<>();

		public MeterType getType() {
			return this.type;
		}

		public void setType(MeterType type) {
			this.type = type;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public String getBaseUnit() {
			return this.baseUnit;
		}

		public void setBaseUnit(String baseUnit) {
			this.baseUnit = baseUnit;
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

	}

}
