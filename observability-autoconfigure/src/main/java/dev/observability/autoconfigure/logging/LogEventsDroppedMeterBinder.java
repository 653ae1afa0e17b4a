package dev.observability.autoconfigure.logging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers {@code observability.logging.events.dropped}: log events the non-blocking appender dropped
 * because its queue was full.
 */
public class LogEventsDroppedMeterBinder implements MeterBinder {

	/** Log events dropped because the log sink did not keep up. */
	public static final String EVENTS_DROPPED = "observability.logging.events.dropped";

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(EVENTS_DROPPED, DroppingAsyncAppender.class, (type) -> DroppingAsyncAppender.totalDropped())
			.description("Log events dropped because the log sink did not keep up")
			.register(registry);
	}

}
