package dev.observability.autoconfigure.saturation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A ratio of two gauges another binder registers (e.g. Spring Boot's web server metrics, bound once the server
 * has started): looked up by name on first read and kept; reads 0 while either is missing.
 */
final class GaugeRatio {

	private final MeterRegistry registry;

	private final String usedName;

	private final String maxName;

	private volatile Gauge used;

	private volatile Gauge max;

	GaugeRatio(MeterRegistry registry, String usedName, String maxName) {
		this.registry = registry;
		this.usedName = usedName;
		this.maxName = maxName;
	}

	double ratio() {
		Gauge usedGauge = this.used;
		Gauge maxGauge = this.max;
		if (usedGauge == null || maxGauge == null) {
			usedGauge = this.registry.find(this.usedName).gauge();
			maxGauge = this.registry.find(this.maxName).gauge();
			if (usedGauge == null || maxGauge == null) {
				return 0;
			}
			this.used = usedGauge;
			this.max = maxGauge;
		}
		return SaturationMeterBinder.ratio(usedGauge.value(), maxGauge.value());
	}

	static void register(MeterRegistry registry, String resource, String usedName, String maxName) {
		SaturationMeterBinder.register(registry, resource, new GaugeRatio(registry, usedName, maxName),
				GaugeRatio::ratio);
	}

}
