package dev.observability.autoconfigure.tracing;

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The span export counters Spring Boot does not wire to Micrometer: spans dropped because the export queue
 * was full, and spans whose export failed or timed out. Counting is a lock-free add on the exporter and
 * processor threads; the meters read the totals.
 */
public class SpanExportMetrics implements MeterBinder {

	/** Spans dropped before export because the batch processor's queue was full. */
	public static final String SPANS_DROPPED = "observability.tracing.spans.dropped";

	/** Spans whose export to the collector failed or timed out. */
	public static final String SPANS_EXPORT_FAILURES = "observability.tracing.spans.export.failures";

	private final LongAdder dropped = new LongAdder();

	private final LongAdder failed = new LongAdder();

	void spansDropped(long count) {
		this.dropped.add(count);
	}

	void spansFailed(long count) {
		this.failed.add(count);
	}

	/** Spans dropped so far. */
	public long dropped() {
		return this.dropped.sum();
	}

	/** Spans whose export failed so far. */
	public long failed() {
		return this.failed.sum();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(SPANS_DROPPED, this.dropped, LongAdder::sum)
			.description("Spans dropped because the export queue was full")
			.register(registry);
		FunctionCounter.builder(SPANS_EXPORT_FAILURES, this.failed, LongAdder::sum)
			.description("Spans whose export to the collector failed or timed out")
			.register(registry);
	}

}
