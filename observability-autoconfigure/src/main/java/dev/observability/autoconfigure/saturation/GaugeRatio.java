package dev.observability.autoconfigure.saturation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * A ratio of two gauges another binder registers (e.g. Spring Boot's web server metrics, bound once the server
 * has started), looked up by name on each read; 0 while they are missing. A server with several connectors or
 * pools registers one pair per pool (same tags on both): the most saturated pool is the value.
 */
final class GaugeRatio {

	private final MeterRegistry registry;

	private final String usedName;

	private final String maxName;

	GaugeRatio(MeterRegistry registry, String usedName, String maxName) {
		this.registry = registry;
		this.usedName = usedName;
		this.maxName = maxName;
	}

	double ratio() {
		double ratio = 0;
		for (Gauge used : this.registry.find(this.usedName).gauges()) {
			Gauge max = this.registry.find(this.maxName).tags(Tags.of(used.getId().getTagsAsIterable())).gauge();
			if (max != null) {
				ratio = Math.max(ratio, SaturationMeterBinder.ratio(used.value(), max.value()));
			}
		}
		return ratio;
	}

	static void register(MeterRegistry registry, String resource, String usedName, String maxName) {
		SaturationMeterBinder.register(registry, resource, new GaugeRatio(registry, usedName, maxName),
				GaugeRatio::ratio);
	}

}
