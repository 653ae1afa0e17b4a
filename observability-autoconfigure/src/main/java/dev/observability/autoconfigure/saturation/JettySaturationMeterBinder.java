package dev.observability.autoconfigure.saturation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers {@code saturation{resource="jetty.threads"}}: busy over maximum threads of Jetty's
 * {@code QueuedThreadPool}, read through the {@code jetty.threads.busy} and {@code jetty.threads.config.max}
 * gauges that Spring Boot's Jetty metrics register once the server has started; reads 0 until they exist. Left
 * out with virtual threads: Jetty then runs a {@code VirtualThreadPool}, which has neither gauge.
 */
public class JettySaturationMeterBinder implements MeterBinder {

	private final boolean threadPool;

	/** Registers {@code jetty.threads}. */
	public JettySaturationMeterBinder() {
		this(true);
	}

	/**
	 * Registers {@code jetty.threads} when requests run on a thread pool, nothing otherwise.
	 * @param threadPool whether requests run on Jetty's thread pool (false with virtual threads)
	 */
	public JettySaturationMeterBinder(boolean threadPool) {
		this.threadPool = threadPool;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.threadPool) {
			return;
		}
		GaugeRatio.register(registry, SaturationMeterBinder.JETTY_THREADS, "jetty.threads.busy",
				"jetty.threads.config.max");
	}

}
