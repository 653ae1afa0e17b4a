package dev.observability.autoconfigure.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code observability.tracing.inbound.trust}: continue (default) keeps the caller's trace, sampling decision
 * and allow-listed baggage (restart, which ignores all of them, is tested on every stack by
 * {@code WebStackInboundRestartTests}). Local sampling is off, so a sampled response proves the inbound flag was
 * honoured. Also the header settings: custom names, traceresponse and request ids off.
 */
class InboundTrustWebTests {

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

	static HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30));
		headers.forEach(request::header);
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.tracing.sampling.probability=0.0",
					"management.tracing.baggage.remote-fields=tenant,secret_thing",
					"observability.tracing.baggage.mdc-keys=tenant" })
	class Continue {

		@LocalServerPort
		int port;

		@Test
		void continuesTheInboundTraceAndItsSampledFlag() throws Exception {
			HttpResponse<String> response = get(this.port, "/mdc", Map.of("traceparent", TRACEPARENT));
			assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(TRACE_ID);
			assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(
					(value) -> assertThat(value).endsWith("-01"));
		}

		@Test
		void copiesOnlyAllowListedSafeBaggageToTheMdc() throws Exception {
			HttpResponse<String> response = get(this.port, "/mdc",
					Map.of("traceparent", TRACEPARENT, "baggage", "tenant=acme-eu,secret_thing=s3cr3t"));
			assertThat(response.body()).isEqualTo("tenant=acme-eu secret_thing=null");
		}

		@Test
		void dropsUnsafeBaggageValues() throws Exception {
			HttpResponse<String> response = get(this.port, "/mdc",
					Map.of("traceparent", TRACEPARENT, "baggage", "tenant=" + "x".repeat(200)));
			assertThat(response.body()).isEqualTo("tenant=null secret_thing=null");
		}

		@Test
		void unsampledLocalTracesStillGetHeadersWithFlagsZero() throws Exception {
			HttpResponse<String> response = get(this.port, "/mdc", Map.of());
			String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
			assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(
					(value) -> assertThat(value).matches("00-" + traceId + "-[0-9a-f]{16}-00"));
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "observability.tracing.trace-id-header=X-Correlation-Trace",
					"observability.tracing.request-id.header=X-Correlation-ID",
					"observability.tracing.trace-response-header=false" })
	class CustomHeaders {

		@LocalServerPort
		int port;

		@Test
		void usesTheConfiguredHeaderNamesAndCanDropTraceresponse() throws Exception {
			HttpResponse<String> response = get(this.port, "/mdc",
					Map.of("traceparent", TRACEPARENT, "X-Correlation-ID", "corr-123456"));
			assertThat(response.headers().firstValue("X-Correlation-Trace")).hasValue(TRACE_ID);
			assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("corr-123456");
			assertThat(response.headers().firstValue("X-Trace-Id")).isEmpty();
			assertThat(response.headers().firstValue("X-Request-ID")).isEmpty();
			assertThat(response.headers().firstValue("traceresponse")).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "observability.tracing.response-headers=false", "observability.tracing.request-id.enabled=false" })
	class HeadersOff {

		@LocalServerPort
		int port;

		@Test
		void addsNoTracingHeadersWhenSwitchedOff() throws Exception {
			HttpResponse<String> response = get(this.port, "/mdc", Map.of("X-Request-ID", "req-1234567"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Trace-Id")).isEmpty();
			assertThat(response.headers().firstValue("traceresponse")).isEmpty();
			assertThat(response.headers().firstValue("X-Request-ID")).isEmpty();
		}

	}

	@SpringBootApplication
	static class App {

		@RestController
		static class Endpoints {

			@GetMapping("/mdc")
			String mdc() {
				return "tenant=" + MDC.get("tenant") + " secret_thing=" + MDC.get("secret_thing");
			}

		}

	}

}
