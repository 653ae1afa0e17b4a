package dev.observability.autoconfigure.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux application on Reactor Netty with nothing but the starter (no configuration file at all) gets what a
 * Spring MVC one gets: trace and request ids on responses and in its log lines, the golden-signal buckets with
 * the application tag, excluded actuator paths and the exposure defaults.
 */
class ZeroConfigurationWebFluxApplicationTests {

	@Test
	void aWebFluxApplicationWithOnlyTheStarterIsObservable() {
		try (RunningApp app = WebStack.NETTY.start(WebStackApplication.class,
				"spring.config.name=zero-config-has-no-config-file")) {
			HttpResponse<String> log = app.get("/log");
			assertThat(log.statusCode()).isEqualTo(200);
			String traceId = log.headers().firstValue("X-Trace-Id").orElseThrow();
			assertThat(traceId).matches("[0-9a-f]{32}");
			String requestId = log.headers().firstValue("X-Request-ID").orElseThrow();
			assertThat(log.headers().firstValue("traceresponse")).isPresent();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.logs()
				.events((event) -> requestId.equals(event.path("request_id").asString())
						&& traceId.equals(event.path("trace_id").asString()))
				.stream()
				.map((event) -> event.path("message").asString())
				.toList()).contains("handler line", "operator line"));
			assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);

			String scrape = app.get("/actuator/prometheus").body();
			List<String> buckets = scrape.lines()
				.filter((line) -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/log\""))
				.toList();
			assertThat(buckets).anySatisfy((line) -> assertThat(line).contains("le=\"0.1\""))
				.anySatisfy((line) -> assertThat(line).contains("le=\"0.3\""))
				.anySatisfy((line) -> assertThat(line).contains("le=\"1.0\""))
				.anySatisfy((line) -> assertThat(line).contains("le=\"1.2\""))
				.allSatisfy((line) -> assertThat(line).contains("application=\"application\""));
			assertThat(scrape).doesNotContain("uri=\"/actuator");
			assertThat(app.get("/actuator/slo").statusCode()).isEqualTo(200);
			assertThat(app.get("/actuator/env").statusCode()).as("only health, info, prometheus and slo are exposed")
				.isEqualTo(404);
		}
	}

}
