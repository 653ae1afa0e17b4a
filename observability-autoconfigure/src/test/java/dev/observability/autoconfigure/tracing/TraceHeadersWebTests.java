package dev.observability.autoconfigure.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Trace and request-id headers on a real server with Spring Boot's tracing: traceparent test vectors,
 * request-id checks and trace context following {@code @Async}.
 */
@SpringBootTest(classes = TraceHeadersWebTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0", "spring.application.name=headers-test" })
class TraceHeadersWebTests {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private App.ScheduledWork scheduled;

	HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void tracedResponsesCarryTraceIdAndTraceResponse() throws Exception {
		HttpResponse<String> response = get("/hello", Map.of());
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
		assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(
				(value) -> assertThat(value).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
		assertThat(response.body()).isEqualTo(traceId);
	}

	@Test
	void continuesAValidInboundTraceparent() throws Exception {
		HttpResponse<String> response = get("/hello", Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
		assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(TRACE_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ff-" + TRACE_ID + "-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-" + TRACE_ID + "-0000000000000000-01", "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01", "00-" + TRACE_ID + "-00f067aa0ba902b-01",
			"00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", "00-" + TRACE_ID + "-00f067aa0ba902b7",
			"00_" + TRACE_ID + "_00f067aa0ba902b7_01", "00-" + TRACE_ID + "-00f067aa0ba902b7-0g", "garbage", "" })
	void invalidTraceparentStartsANewTrace(String traceparent) throws Exception {
		HttpResponse<String> response = get("/hello", Map.of("traceparent", traceparent));
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32)).isNotEqualTo(TRACE_ID);
	}

	@Test
	void keepsAValidInboundRequestIdAndPutsItInTheMdc() throws Exception {
		HttpResponse<String> response = get("/request-id", Map.of("X-Request-ID", "req:abc/DEF+123=="));
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req:abc/DEF+123==");
		assertThat(response.body()).isEqualTo("req:abc/DEF+123==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "has space inside", "\"quoted-value\"", "{\"a\":\"b\"}", "<script>x</script>",
			"semi;colon;value", "percent%0d%0a-value" })
	void replacesUnsafeRequestIdsWithAGeneratedOne(String inbound) throws Exception {
		HttpResponse<String> response = get("/request-id", Map.of("X-Request-ID", inbound));
		assertThat(response.headers().firstValue("X-Request-ID")).hasValueSatisfying(
				(value) -> assertThat(value).matches("[0-9a-f]{16}"));
		assertThat(response.body()).matches("[0-9a-f]{16}");
	}

	@Test
	void replacesOverlongRequestIds() throws Exception {
		HttpResponse<String> response = get("/request-id", Map.of("X-Request-ID", "a".repeat(4096)));
		assertThat(response.headers().firstValue("X-Request-ID")).hasValueSatisfying(
				(value) -> assertThat(value).matches("[0-9a-f]{16}"));
	}

	@Test
	void generatesARequestIdWhenNoneArrives() throws Exception {
		HttpResponse<String> first = get("/request-id", Map.of());
		HttpResponse<String> second = get("/request-id", Map.of());
		assertThat(first.body()).matches("[0-9a-f]{16}").isNotEqualTo(second.body());
	}

	@Test
	void traceContextFollowsAsyncWork() throws Exception {
		HttpResponse<String> response = get("/async", Map.of());
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(response.body()).startsWith(traceId + "@").doesNotContain("@main");
	}

	@Test
	void scheduledWorkRunsInItsOwnTrace() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.scheduled.traceIds.size() >= 2);
		assertThat(this.scheduled.traceIds).allSatisfy((traceId) -> assertThat(traceId).matches("[0-9a-f]{32}"));
		assertThat(this.scheduled.traceIds.get(0)).isNotEqualTo(this.scheduled.traceIds.get(1));
	}

	@Test
	void errorResponsesCarryTheHeadersToo() throws Exception {
		HttpResponse<String> response = get("/boom", Map.of("X-Request-ID", "req-boom-0001"));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("X-Trace-Id")).hasValueSatisfying(
				(value) -> assertThat(value).matches("[0-9a-f]{32}"));
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req-boom-0001");
	}

	@Test
	void excludedPathsGetNoTracingHeaders() throws Exception {
		HttpResponse<String> response = get("/actuator/health", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Trace-Id")).isEmpty();
		assertThat(response.headers().firstValue("traceresponse")).isEmpty();
		assertThat(response.headers().firstValue("X-Request-ID")).isEmpty();
	}

	@SpringBootApplication
	@EnableAsync
	@EnableScheduling
	static class App {

		@Component
		static class ScheduledWork {

			final List<String> traceIds = new CopyOnWriteArrayList<>();

			private final Tracer tracer;

			ScheduledWork(Tracer tracer) {
				this.tracer = tracer;
			}

			@Scheduled(fixedDelay = 100)
			void run() {
				Span span = this.tracer.currentSpan();
				if (this.traceIds.size() < 5) {
					this.traceIds.add((span != null) ? span.context().traceId() : "none");
				}
			}

		}

		@RestController
		static class Endpoints {

			private final Worker worker;

			private final Tracer tracer;

			Endpoints(Worker worker, Tracer tracer) {
				this.worker = worker;
				this.tracer = tracer;
			}

			@GetMapping("/hello")
			String hello() {
				return this.tracer.currentSpan().context().traceId();
			}

			@GetMapping("/request-id")
			String requestId() {
				return MDC.get(TracingServerRequestListener.REQUEST_ID);
			}

			@GetMapping("/boom")
			String boom() {
				throw new IllegalStateException("boom");
			}

			@GetMapping("/async")
			String async() throws Exception {
				return this.worker.traceId().get();
			}

		}

		@Component
		static class Worker {

			private final Tracer tracer;

			Worker(Tracer tracer) {
				this.tracer = tracer;
			}

			@Async
			CompletableFuture<String> traceId() {
				Span span = this.tracer.currentSpan();
				return CompletableFuture.completedFuture(((span != null) ? span.context().traceId() : "none") + "@"
						+ Thread.currentThread().getName());
			}

		}

	}

}
