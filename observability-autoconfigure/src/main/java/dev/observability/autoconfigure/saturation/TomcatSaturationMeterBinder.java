package dev.observability.autoconfigure.saturation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers Tomcat's saturation entries from the {@code tomcat.threads.*} and {@code tomcat.connections.*} gauges
 * that Spring Boot's Tomcat metrics register once the server has started (they need
 * {@code server.tomcat.mbeanregistry.enabled=true}, a default of the starter); each reads 0 until they exist.
 * <ul>
 * <li>{@code tomcat.threads}: busy over maximum request threads, only with a thread pool: on virtual threads
 * Tomcat has no pool ({@code tomcat.threads.*} read -1) and the entry would read 0 forever, so it is left out;</li>
 * <li>{@code tomcat.connections}: open connections over {@code server.tomcat.max-connections}, the limit past
 * which Tomcat stops accepting, whatever the threading.</li>
 * </ul>
 */
public class TomcatSaturationMeterBinder implements MeterBinder {

	private final boolean threadPool;

	/** Registers both entries. */
	public TomcatSaturationMeterBinder() {
		this(true);
	}

	/**
	 * Registers {@code tomcat.connections}, and {@code tomcat.threads} when requests run on a thread pool.
	 * @param threadPool whether requests run on Tomcat's thread pool (false with virtual threads)
	 */
	public TomcatSaturationMeterBinder(boolean threadPool) {
		this.threadPool = threadPool;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.threadPool) {
			GaugeRatio.register(registry, SaturationMeterBinder.TOMCAT_THREADS, "tomcat.threads.busy",
					"tomcat.threads.config.max");
		}
		GaugeRatio.register(registry, SaturationMeterBinder.TOMCAT_CONNECTIONS, "tomcat.connections.current",
				"tomcat.connections.config.max");
	}

}
