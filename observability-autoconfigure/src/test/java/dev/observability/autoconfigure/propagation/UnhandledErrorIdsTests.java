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

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
	void aSecondClearLeavesIdsPutAfterTheFirst() {
		UnhandledErrorIds.restore(new Observation.Context(), "req-3");
		UnhandledErrorIds.clear();
		MDC.put("request_id", "next-request");
		UnhandledErrorIds.clear();
		assertThat(MDC.get("request_id")).isEqualTo("next-request");
	}

	@Test
	void clearLeavesIdsItDidNotRestore() {
		MDC.put("traceId", "outer");
		MDC.put("request_id", "outer-req");
		UnhandledErrorIds.restore(null, null);
		UnhandledErrorIds.clear();
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("traceId", "outer", "request_id", "outer-req"));
	}

	@Test
	void theFilterRestoresTheRequestIdSentWhenAnExceptionLeavesTheChain() {
		UnhandledErrorIdsFilter filter = new UnhandledErrorIdsFilter("X-Request-ID");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("X-Request-ID", "req-5");
		IllegalStateException failure = new IllegalStateException("boom");
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(new MockHttpServletRequest(), response,
				(request, servletResponse) -> {
					throw failure;
				})).isSameAs(failure);
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "req-5"));
	}

	@Test
	void theFilterRestoresNothingWhenTheChainCompletes() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("X-Request-ID", "req-5");
		new UnhandledErrorIdsFilter("X-Request-ID").doFilter(new MockHttpServletRequest(), response, new MockFilterChain());
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void theFilterWithoutRequestIdsRestoresNoRequestId() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("X-Request-ID", "req-5");
		assertThatIllegalStateException().isThrownBy(() -> new UnhandledErrorIdsFilter(null)
			.doFilter(new MockHttpServletRequest(), response, (request, servletResponse) -> {
				throw new IllegalStateException("boom");
			}));
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

}
