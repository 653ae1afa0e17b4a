package dev.observability.autoconfigure.tracing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider through the OpenTelemetry metrics API as the SDK calls it: only the instruments and attribute
 * values that mean a dropped or failed span move the totals; every other instrument works and records nothing.
 */
class SpanExportMetricsProviderTests {

	private final SpanExportMetrics metrics = new SpanExportMetrics();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private Meter meter;

	@BeforeEach
	void bind() {
		this.metrics.bindTo(this.registry);
		this.meter = this.metrics.meterBuilder("io.opentelemetry.sdk.trace")
			.setSchemaUrl("https://opentelemetry.io/schemas/1.37.0")
			.setInstrumentationVersion("1.62.0")
			.build();
	}

	@Test
	void countsDroppedSpansOfTheLegacyProcessorCounterOnly() {
		LongCounter processed = this.meter.counterBuilder("processedSpans").setUnit("1").setDescription("d").build();
		processed.add(4, Attributes.of(AttributeKey.booleanKey("dropped"), true));
		processed.add(9, Attributes.of(AttributeKey.booleanKey("dropped"), false));
		processed.add(2, Attributes.of(AttributeKey.booleanKey("dropped"), true), Context.root());
		processed.add(7);
		processed.add(7, null);
		assertThat(dropped()).isEqualTo(6);
		assertThat(failed()).isZero();
	}

	@Test
	void countsDroppedSpansOfTheSemanticConventionProcessorCounter() {
		LongCounter processed = this.meter.counterBuilder("otel.sdk.processor.span.processed").build();
		processed.add(3, Attributes.of(AttributeKey.stringKey("error.type"), "queue_full"));
		processed.add(5, Attributes.empty());
		assertThat(dropped()).isEqualTo(3);
		assertThat(failed()).isZero();
	}

	@Test
	void countsFailedSpanExportsOnly() {
		LongCounter legacy = this.meter.counterBuilder("otlp.exporter.exported").build();
		legacy.add(5, Attributes.of(AttributeKey.stringKey("type"), "span", AttributeKey.booleanKey("success"), false));
		legacy.add(50, Attributes.of(AttributeKey.stringKey("type"), "span", AttributeKey.booleanKey("success"), true));
		legacy.add(500, Attributes.of(AttributeKey.stringKey("type"), "log", AttributeKey.booleanKey("success"), false));
		legacy.add(5000, Attributes.of(AttributeKey.stringKey("type"), "span"));
		LongCounter semconv = this.meter.counterBuilder("otel.sdk.exporter.span.exported").build();
		semconv.add(2, Attributes.of(AttributeKey.stringKey("error.type"), "500"));
		semconv.add(20, Attributes.empty());
		assertThat(failed()).isEqualTo(7);
		assertThat(dropped()).isZero();
	}

	@Test
	void everyOtherInstrumentIsAWorkingNoOp() {
		LongCounter seen = this.meter.counterBuilder("otlp.exporter.seen").build();
		seen.add(11, Attributes.of(AttributeKey.booleanKey("dropped"), true));
		this.meter.counterBuilder("processedSpans").ofDoubles().build().add(1.0);
		this.meter.counterBuilder("processedSpans").buildWithCallback((measurement) -> measurement.record(1));
		this.meter.upDownCounterBuilder("otel.sdk.exporter.span.inflight").build().add(1);
		this.meter.histogramBuilder("otel.sdk.exporter.operation.duration").build().record(0.5);
		this.meter.gaugeBuilder("queueSize").ofLongs().buildWithCallback((measurement) -> measurement.record(3));
		assertThat(dropped()).isZero();
		assertThat(failed()).isZero();
		assertThat(this.registry.getMeters()).hasSize(2);
	}

	@Test
	void everyMeterOfTheProviderFeedsTheSameTotals() {
		this.metrics.get("io.opentelemetry.exporters.otlp-http")
			.counterBuilder("otlp.exporter.exported")
			.build()
			.add(1, Attributes.of(AttributeKey.stringKey("type"), "span", AttributeKey.booleanKey("success"), false));
		this.metrics.get("io.opentelemetry.exporters.otlp-grpc")
			.counterBuilder("otlp.exporter.exported")
			.build()
			.add(1, Attributes.of(AttributeKey.stringKey("type"), "span", AttributeKey.booleanKey("success"), false));
		assertThat(failed()).isEqualTo(2);
		assertThat(this.registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().getId().getDescription())
			.isEqualTo("Spans whose export to the collector failed or timed out");
	}

	private double dropped() {
		return this.registry.get(SpanExportMetrics.SPANS_DROPPED).functionCounter().count();
	}

	private double failed() {
		return this.registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().count();
	}

}
