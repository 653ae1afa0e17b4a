package dev.observability.autoconfigure.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.observability.autoconfigure.ObservabilityProperties;
import dev.observability.autoconfigure.http.ExcludedPaths;
import dev.observability.autoconfigure.logging.AccessLogListener;
import dev.observability.autoconfigure.slo.SloObjective;
import dev.observability.autoconfigure.slo.SloObjectives;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every per-request feature of the starter, from one suite, on Spring MVC/Tomcat, Spring MVC/Jetty and
 * WebFlux/Netty: trace and request-id headers, request ids in the MDC, exclusion decided once, exact SLO
 * events, histogram and SLO buckets on the scrape, log correlation, the access log, and classification by what
 * the client received (a real connection reset, a real malformed query). One application per stack is shared by
 * the tests.
 */
class WebStackPipelineTests {

	private static final Map<WebStack, RunningApp> apps = new EnumMap<>(WebStack.class);

	static RunningApp app(WebStack stack) {
		return apps.computeIfAbsent(stack, (key) -> key.start(PipelineApp.class,
				"spring.application.name=pipeline-" + key.name().toLowerCase(),
				"management.tracing.sampling.probability=1.0",
				"observability.logging.access-log.enabled=true",
				"observability.slo.objectives.items.type=availability",
				"observability.slo.objectives.items.target=99",
				"observability.slo.objectives.items.match.uri=/api/items/**",
				"observability.slo.objectives.items-latency.type=latency",
				"observability.slo.objectives.items-latency.target=99",
				"observability.slo.objectives.items-latency.threshold=250ms",
				"observability.slo.objectives.items-latency.match.uri=/api/items/**",
				"observability.slo.objectives.stream.type=availability",
				"observability.slo.objectives.stream.target=99",
				"observability.slo.objectives.stream.match.uri=/api/stream",
				"observability.slo.objectives.slow.type=availability",
				"observability.slo.objectives.slow.target=99",
				"observability.slo.objectives.slow.match.uri=/api/slow",
				"observability.slo.objectives.checkout.type=availability",
				"observability.slo.objectives.checkout.target=99",
				"observability.slo.objectives.checkout.match.uri=/api/checkout"));
	}

	@AfterAll
	static void stopApps() {
		apps.values().forEach(RunningApp::close);
		apps.clear();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void responsesCarryTraceIdTraceresponseAndARequestId(WebStack stack) {
		RunningApp app = app(stack);
		HttpResponse<String> response = app.get("/mdc");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
		assertThat(response.headers().firstValue("traceresponse"))
			.hasValueSatisfying((value) -> assertThat(value).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
		String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
		assertThat(requestId).matches("[0-9a-f]{16}");
		assertThat(response.body()).contains("\"trace_id\":\"" + traceId + "\"")
			.contains("\"request_id\":\"" + requestId + "\"");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void keepsAValidInboundRequestIdAndReplacesAnUnsafeOne(WebStack stack) {
		RunningApp app = app(stack);
		HttpResponse<String> kept = app.get("/mdc", "X-Request-ID", "req:abc/DEF+123==");
		assertThat(kept.headers().firstValue("X-Request-ID")).hasValue("req:abc/DEF+123==");
		assertThat(kept.body()).contains("\"request_id\":\"req:abc/DEF+123==\"");
		HttpResponse<String> replaced = app.get("/mdc", "X-Request-ID", "{\"a\":\"b\"}");
		String generated = replaced.headers().firstValue("X-Request-ID").orElseThrow();
		assertThat(generated).matches("[0-9a-f]{16}");
		assertThat(replaced.body()).contains("\"request_id\":\"" + generated + "\"");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void errorResponsesCarryTheHeadersToo(WebStack stack) {
		HttpResponse<String> response = app(stack).get("/boom", "X-Request-ID", "req-boom-0001");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("X-Trace-Id"))
			.hasValueSatisfying((value) -> assertThat(value).matches("[0-9a-f]{32}"));
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req-boom-0001");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void excludedPathsAreNeitherTimedNorTracedNorLogged(WebStack stack) {
		RunningApp app = app(stack);
		HttpResponse<String> health = app.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("X-Trace-Id")).isEmpty();
		assertThat(health.headers().firstValue("traceresponse")).isEmpty();
		assertThat(health.headers().firstValue("X-Request-ID")).isEmpty();
		assertThat(app.get("/hello").statusCode()).isEqualTo(200);
		String scrape = app.get("/actuator/prometheus").body();
		assertThat(scrape).contains("uri=\"/hello\"").doesNotContain("uri=\"/actuator");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(accessLog(app, "/hello")).isNotEmpty());
		assertThat(app.logs().fromLogger(AccessLogListener.LOGGER_NAME))
			.noneSatisfy((line) -> assertThat(line.path("http.route").asString()).startsWith("/actuator"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theExclusionDecisionIsMadeOncePerRequest(WebStack stack) {
		RunningApp app = app(stack);
		CountingExcludedPaths excludedPaths = app.bean(CountingExcludedPaths.class);
		synchronized (excludedPaths) {
			excludedPaths.calls.set(0);
			for (int i = 0; i < 5; i++) {
				assertThat(app.get("/hello").statusCode()).isEqualTo(200);
				assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			}
			assertThat(app.get("/boom").statusCode()).isEqualTo(500);
			assertThat(excludedPaths.calls.get()).isEqualTo(11);
		}
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void availabilityAndLatencyObjectivesRecordExactEvents(WebStack stack) {
		RunningApp app = app(stack);
		SloObjective availability = app.bean(SloObjectives.class).get("items");
		SloObjective latency = app.bean(SloObjectives.class).get("items-latency");
		double[] before = { availability.goodTotal(), availability.badTotal(), latency.goodTotal(), latency.badTotal() };
		assertThat(app.get("/api/items/1").statusCode()).isEqualTo(200);
		assertThat(app.get("/api/items/1/fail").statusCode()).isEqualTo(500);
		assertThat(app.get("/api/items/1/missing").statusCode()).isEqualTo(404);
		assertThat(app.send(app.request("/api/items").POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
			.isEqualTo(503);
		assertThat(app.get("/api/items/2?delayMs=400").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(availability.goodTotal() - before[0]).isEqualTo(3);
			assertThat(availability.badTotal() - before[1]).isEqualTo(2);
			assertThat(latency.goodTotal() - before[2]).isEqualTo(2);
			assertThat(latency.badTotal() - before[3]).isEqualTo(3);
		});
		String scrape = app.get("/actuator/prometheus").body();
		assertThat(scrape).contains("slo_events_total{application=\"pipeline-" + stack.name().toLowerCase()
				+ "\",outcome=\"bad\",slo=\"items\"} " + (before[1] + 2));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void histogramAndSloBucketsAreOnTheScrape(WebStack stack) {
		RunningApp app = app(stack);
		assertThat(app.get("/hello").statusCode()).isEqualTo(200);
		List<String> buckets = app.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_bucket") && line.contains("uri=\"/hello\""))
			.toList();
		assertThat(buckets).anySatisfy((line) -> assertThat(line).contains("le=\"0.1\""))
			.anySatisfy((line) -> assertThat(line).contains("le=\"0.3\""))
			.anySatisfy((line) -> assertThat(line).contains("le=\"1.2\""))
			.anySatisfy((line) -> assertThat(line).contains("le=\"0.25\""));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void everyLineWrittenWhileHandlingTheRequestCarriesItsIds(WebStack stack) {
		RunningApp app = app(stack);
		HttpResponse<String> response = app.get("/log", "X-Request-ID", "corr-" + stack + "-0001");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(lines(app, "handler line", "corr-" + stack + "-0001")).hasSize(1);
			assertThat(lines(app, "operator line", "corr-" + stack + "-0001")).hasSize(1);
			assertThat(accessLog(app, "/log")).anySatisfy((line) -> assertThat(line.path("request_id").asString())
				.isEqualTo("corr-" + stack + "-0001"));
		});
		List<JsonNode> lines = app.logs()
			.events((event) -> ("corr-" + stack + "-0001").equals(event.path("request_id").asString()));
		assertThat(lines).hasSizeGreaterThanOrEqualTo(3).allSatisfy((line) -> {
			assertThat(line.path("trace_id").asString()).isEqualTo(traceId);
			assertThat(line.path("span_id").asString()).matches("[0-9a-f]{16}");
		});
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void accessLogReportsRouteStatusDurationAndIds(WebStack stack) {
		RunningApp app = app(stack);
		HttpResponse<String> response = app.get("/api/items/42/missing", "X-Request-ID", "access-" + stack + "-01");
		assertThat(response.statusCode()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.logs()
			.fromLogger(AccessLogListener.LOGGER_NAME)
			.stream()
			.filter((line) -> ("access-" + stack + "-01").equals(line.path("request_id").asString()))
			.toList()).singleElement().satisfies((line) -> {
				assertThat(line.path("http.method").asString()).isEqualTo("GET");
				assertThat(line.path("http.route").asString()).isEqualTo("/api/items/{id}/missing");
				assertThat(line.path("http.status_code").asInt()).isEqualTo(404);
				assertThat(line.path("duration_ms").isNumber()).isTrue();
				assertThat(line.path("trace_id").asString())
					.isEqualTo(response.headers().firstValue("X-Trace-Id").orElseThrow());
			}));
	}

	/**
	 * On Spring MVC the client resets while the body is being written (writing fails); on WebFlux it resets while
	 * the handler is still working (the exchange is cancelled). Reactor Netty reports a reset after the body was
	 * handed to it as a completed response, so that case is not a test on Netty.
	 */
	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aClientThatResetsTheConnectionIsNeitherGoodNorBad(WebStack stack) throws Exception {
		RunningApp app = app(stack);
		String slo = stack.isReactive() ? "slow" : "stream";
		String path = stack.isReactive() ? "/api/slow" : "/api/stream?megabytes=32";
		String requestId = "abort-" + stack + "-0001";
		SloObjective objective = app.bean(SloObjectives.class).get(slo);
		double goodBefore = objective.goodTotal();
		double badBefore = objective.badTotal();
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: " + requestId + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			if (stack.isReactive()) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(lines(app, "slow handler started", requestId)).hasSize(1));
			}
			else {
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[8192];
				int read = 0;
				while (read < 64 * 1024) {
					int n = in.read(buffer);
					assertThat(n).isPositive();
					read += n;
				}
			}
			socket.setSoLinger(true, 0); // close with RST
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.logs()
			.fromLogger(AccessLogListener.LOGGER_NAME)
			.stream()
			.filter((line) -> requestId.equals(line.path("request_id").asString()))
			.toList()).singleElement().satisfies((line) -> {
				assertThat(line.path("aborted").asBoolean()).isTrue();
				assertThat(line.path("http.status_code").asInt()).isEqualTo(200);
			}));
		assertThat(objective.goodTotal()).isEqualTo(goodBefore);
		assertThat(objective.badTotal()).isEqualTo(badBefore);
		// a complete response of the same route counts
		assertThat(app.get(path.replace("32", "1")).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> objective.goodTotal() == goodBefore + 1);
		assertThat(objective.badTotal()).isEqualTo(badBefore);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aMalformedQueryIsClassifiedByTheStatusTheClientReceived(WebStack stack) {
		RunningApp app = app(stack);
		SloObjective checkout = app.bean(SloObjectives.class).get("checkout");
		double badBefore = checkout.badTotal();
		double goodBefore = checkout.goodTotal();
		HttpResponse<String> response = app.send(app.request("/api/checkout?x=%C0%AF")
			.header("X-Request-ID", "malformed-" + stack + "-01")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		int sent = response.statusCode();
		assertThat(sent).isLessThan(500);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accessLog(app, "/api/checkout").stream()
			.filter((line) -> ("malformed-" + stack + "-01").equals(line.path("request_id").asString()))
			.toList()).singleElement()
			.satisfies((line) -> assertThat(line.path("http.status_code").asInt()).isEqualTo(sent)));
		assertThat(checkout.badTotal()).isEqualTo(badBefore);
		assertThat(checkout.goodTotal()).isEqualTo(goodBefore + 1);
		MeterRegistry registry = app.bean(MeterRegistry.class);
		assertThat(registry.get("http.server.requests").tag("uri", "/api/checkout").timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTag("status")).isEqualTo(Integer.toString(sent)));
	}

	private static List<JsonNode> lines(RunningApp app, String message, String requestId) {
		return app.logs()
			.events((event) -> event.path("message").asString().equals(message)
					&& requestId.equals(event.path("request_id").asString()));
	}

	private static List<JsonNode> accessLog(RunningApp app, String route) {
		return app.logs()
			.fromLogger(AccessLogListener.LOGGER_NAME)
			.stream()
			.filter((line) -> route.equals(line.path("http.route").asString()))
			.toList();
	}

	/** Counts the exclusion decisions: every path the predicate asks about. */
	static class CountingExcludedPaths extends ExcludedPaths {

		final AtomicInteger calls = new AtomicInteger();

		CountingExcludedPaths(List<String> patterns) {
			super(patterns);
		}

		@Override
		public boolean matches(String path) {
			this.calls.incrementAndGet();
			return super.matches(path);
		}

		@Override
		public boolean matches(PathContainer path) {
			this.calls.incrementAndGet();
			return super.matches(path);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(WebStackApplication.Endpoints.class)
	static class PipelineApp {

		@Bean
		CountingExcludedPaths countingExcludedPaths(ObservabilityProperties properties) {
			return new CountingExcludedPaths(properties.getHttp().getExcludePaths());
		}

	}

}
