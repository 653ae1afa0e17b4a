package dev.observability.autoconfigure.saturation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers {@code saturation{resource="tomcat.threads"}}: busy over maximum threads of Tomcat's request
 * pool, read through the {@code tomcat.threads.busy} and {@code tomcat.threads.config.max} gauges that
 * Spring Boot's Tomcat metrics register once the server has started (they need
 * {@code server.tomcat.mbeanregistry.enabled=true}, a default of the starter). Reads 0 until they exist.
 */
public class TomcatSaturationMeterBinder implements MeterBinder {

	@Override
	public void bindTo(MeterRegistry registry) {
		SaturationMeterBinder.register(registry, SaturationMeterBinder.TOMCAT_THREADS, new TomcatThreads(registry),
				TomcatThreads::ratio);
	}

	static final class TomcatThreads {

		private final MeterRegistry registry;

		private volatile Gauge busy;

		private volatile Gauge max;

		TomcatThreads(MeterRegistry registry) {
			this.registry = registry;
		}

		double ratio() {
			Gauge busyGauge = this.busy;
			Gauge maxGauge = this.max;
			if (busyGauge == null || maxGauge == null) {
				busyGauge = this.registry.find("tomcat.threads.busy").gauge();
				maxGauge = this.registry.find("tomcat.threads.config.max").gauge();
				if (busyGauge == null || maxGauge == null) {
					return 0;
				}
				this.busy = busyGauge;
				this.max = maxGauge;
			}
			return SaturationMeterBinder.ratio(busyGauge.value(), maxGauge.value());
		}

	}

}
