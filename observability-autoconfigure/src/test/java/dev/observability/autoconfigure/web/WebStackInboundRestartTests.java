package dev.observability.autoconfigure.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code observability.tracing.inbound.trust=restart} on every stack: the caller's trace, sampling decision,
 * baggage and B3 headers are hidden from Spring's server observation, so each request starts its own trace with
 * the local sampling decision (off here, so a sampled response would prove the inbound flag was honoured).
 */
class WebStackInboundRestartTests {

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void startsANewTraceIgnoringInboundContextSamplingAndBaggage(WebStack stack) {
		try (RunningApp app = stack.start(WebStackApplication.class, "management.tracing.sampling.probability=0.0",
				"management.tracing.baggage.remote-fields=tenant", "observability.tracing.baggage.mdc-keys=tenant",
				"observability.tracing.inbound.trust=restart")) {
			HttpResponse<String> traced = app.get("/mdc", "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01",
					"baggage", "tenant=acme-eu");
			String traceId = traced.headers().firstValue("X-Trace-Id").orElseThrow();
			assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
			assertThat(traced.headers().firstValue("traceresponse"))
				.hasValueSatisfying((value) -> assertThat(value).endsWith("-00"));
			assertThat(traced.body()).contains("\"trace_id\":\"" + traceId + "\"");
			HttpResponse<String> b3 = app.get("/mdc", "b3", TRACE_ID + "-b7ad6b7169203331-1", "X-B3-TraceId", TRACE_ID,
					"X-B3-SpanId", "b7ad6b7169203331");
			assertThat(b3.headers().firstValue("X-Trace-Id")).hasValueSatisfying(
					(value) -> assertThat(value).isNotEqualTo(TRACE_ID));
			assertThat(b3.headers().firstValue("traceresponse"))
				.hasValueSatisfying((value) -> assertThat(value).endsWith("-00"));
		}
	}

}
