package dev.observability.autoconfigure.propagation;

import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UnhandledErrorIds} restores a request's ids into the MDC and clears only what it restored.
 */
class UnhandledErrorIdsTests {

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	@AfterEach
	void close() {
		UnhandledErrorIds.clear();
		MDC.clear();
		this.provider.close();
	}

	@Test
	void restoresTraceSpanAndRequestIdAndClearsThem() {
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(this.provider.get("test"), current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		Span span = tracer.nextSpan().start();
		TracingObservationHandler.TracingContext tracing = new TracingObservationHandler.TracingContext();
		tracing.setSpan(span);
		Observation.Context context = new Observation.Context();
		context.put(TracingObservationHandler.TracingContext.class, tracing);
		UnhandledErrorIds.restore(context, "req-1");
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("traceId", span.context().traceId(), "spanId",
				span.context().spanId(), "request_id", "req-1"));
		UnhandledErrorIds.clear();
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		span.end();
	}

	@Test
	void restoresARequestIdWithoutTracing() {
		UnhandledErrorIds.restore(new Observation.Context(), "req-2");
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "req-2"));
		UnhandledErrorIds.clear();
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void clearLeavesIdsItDidNotRestore() {
		MDC.put("traceId", "outer");
		MDC.put("request_id", "outer-req");
		UnhandledErrorIds.restore(null, null);
		UnhandledErrorIds.clear();
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("traceId", "outer", "request_id", "outer-req"));
	}

}
