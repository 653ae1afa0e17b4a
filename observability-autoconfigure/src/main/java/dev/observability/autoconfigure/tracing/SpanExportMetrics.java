package dev.observability.autoconfigure.tracing;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;

/**
 * The OpenTelemetry SDK's batch span processor and OTLP span exporters count the spans they drop on a full queue
 * and the spans whose export failed, but only through an OpenTelemetry {@link MeterProvider}, and Micrometer has
 * no bridge in that direction. As a bean, this provider is what Spring Boot hands them
 * ({@code meterProvider.ifAvailable(builder::setMeterProvider)} in {@code OpenTelemetryTracingAutoConfiguration}
 * and {@code OtlpTracingConfigurations.Exporters}); it keeps those two totals (legacy and semantic-convention
 * instruments alike) and publishes them as Micrometer counters. Every other instrument is a no-op. Counting is a
 * lock-free add on the processor and exporter threads.
 */
public class SpanExportMetrics implements MeterProvider, MeterBinder {

	/** Spans dropped before export because the batch processor's queue was full. */
	public static final String SPANS_DROPPED = "observability.tracing.spans.dropped";

	/** Spans whose export to the collector failed or timed out. */
	public static final String SPANS_EXPORT_FAILURES = "observability.tracing.spans.export.failures";

	private static final Meter NOOP = MeterProvider.noop().get("noop");

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> SIGNAL = AttributeKey.stringKey("type");

	private static final AttributeKey<Boolean> SUCCESS = AttributeKey.booleanKey("success");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final LongAdder dropped = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final Meter meter = new SpanPipelineMeter();

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return new MeterBuilder() {

			@Override
			public MeterBuilder setSchemaUrl(String schemaUrl) {
				return this;
			}

			@Override
			public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
				return this;
			}

			@Override
			public Meter build() {
				return SpanExportMetrics.this.meter;
			}

		};
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

	/**
	 * The SDK counter that feeds one of the totals, or {@code null}: the processor marks a drop with
	 * {@code dropped=true} (legacy) or an {@code error.type}; an exporter marks a failure with {@code success=false}
	 * on {@code type=span} (legacy; OTLP log exporters share the name) or an {@code error.type}.
	 */
	private SelectiveCounter counter(String instrument) {
		return switch (instrument) {
			case "processedSpans" -> new SelectiveCounter(this.dropped, (a) -> Boolean.TRUE.equals(a.get(DROPPED)));
			case "otel.sdk.processor.span.processed" -> new SelectiveCounter(this.dropped, (a) -> a.get(ERROR_TYPE) != null);
			case "otlp.exporter.exported" -> new SelectiveCounter(this.failed,
					(a) -> "span".equals(a.get(SIGNAL)) && Boolean.FALSE.equals(a.get(SUCCESS)));
			case "otel.sdk.exporter.span.exported" -> new SelectiveCounter(this.failed, (a) -> a.get(ERROR_TYPE) != null);
			default -> null;
		};
	}

	/** A counter that is its own builder: adds to {@code total} what the attributes select. */
	private record SelectiveCounter(LongAdder total, Predicate<Attributes> selects)
			implements LongCounter, LongCounterBuilder {

		@Override
		public void add(long value) {
		}

		@Override
		public void add(long value, Attributes attributes) {
			if (attributes != null && this.selects.test(attributes)) {
				this.total.add(value);
			}
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			add(value, attributes);
		}

		@Override
		public LongCounterBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return NOOP.counterBuilder("unused").ofDoubles();
		}

		@Override
		public LongCounter build() {
			return this;
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return NOOP.counterBuilder("unused").buildWithCallback(callback);
		}

	}

	private final class SpanPipelineMeter implements Meter {

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			SelectiveCounter counter = counter(name);
			return (counter != null) ? counter : NOOP.counterBuilder(name);
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			return NOOP.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return NOOP.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			return NOOP.gaugeBuilder(name);
		}

	}

}
