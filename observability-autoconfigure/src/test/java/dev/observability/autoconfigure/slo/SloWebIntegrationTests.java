package dev.observability.autoconfigure.slo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SLO feed from real HTTP requests through Spring MVC's server observation, and the slo endpoint and
 * health contributor over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"server.address=127.0.0.1", "spring.application.name=slo-test",
		"management.endpoint.health.show-details=always",
		"management.endpoint.health.group.readiness.include=*",
		"management.endpoint.health.group.readiness.show-details=always",
		"observability.slo.objectives.items-availability.type=availability",
		"observability.slo.objectives.items-availability.target=99",
		"observability.slo.objectives.items-availability.match.uri=/api/items/**",
		"observability.slo.objectives.items-post.type=availability",
		"observability.slo.objectives.items-post.target=99",
		"observability.slo.objectives.items-post.match.uri=/api/items/**",
		"observability.slo.objectives.items-post.match.method=post",
		"observability.slo.objectives.items-latency.type=latency",
		"observability.slo.objectives.items-latency.target=99",
		"observability.slo.objectives.items-latency.threshold=1s",
		"observability.slo.objectives.items-latency.match.uri=/api/items/**",
		"observability.slo.objectives.everything.type=availability",
		"observability.slo.objectives.everything.target=90" })
class SloWebIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private SloObjectives objectives;

	@Test
	void countsServerErrorsAndUnhandledExceptionsAsBadAndClientErrorsAsGood() throws Exception {
		SloObjective availability = this.objectives.get("items-availability");
		assertThat(get("/api/items/1").statusCode()).isEqualTo(200);
		assertThat(get("/api/items/1/fail").statusCode()).isEqualTo(500);
		assertThat(get("/api/items/1/missing").statusCode()).isEqualTo(404);
		assertThat(post("/api/items").statusCode()).isEqualTo(503);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(availability.goodTotal()).isEqualTo(2);
			assertThat(availability.badTotal()).isEqualTo(2);
		});
		assertThat(this.objectives.get("items-post").goodTotal()).isZero();
		assertThat(this.objectives.get("items-post").badTotal()).isEqualTo(1);
	}

	@Test
	void countsSlowRequestsAsBadOnlyOnTheLatencyObjective() throws Exception {
		SloObjective latency = this.objectives.get("items-latency");
		double goodBefore = latency.goodTotal();
		double badBefore = latency.badTotal();
		assertThat(get("/api/items/2?delayMs=0").statusCode()).isEqualTo(200);
		assertThat(get("/api/items/2?delayMs=1500").statusCode()).isEqualTo(200);
		assertThat(get("/api/items/2/fail").statusCode()).isEqualTo(500);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(latency.goodTotal() - goodBefore).isEqualTo(1);
			assertThat(latency.badTotal() - badBefore).isEqualTo(2);
		});
	}

	@Test
	void unmappedPathsAndExcludedActuatorCallsMatchNoObjective() throws Exception {
		SloObjective everything = this.objectives.get("everything");
		assertThat(get("/ping").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> everything.goodTotal() + everything.badTotal() > 0);
		double before = everything.goodTotal() + everything.badTotal();
		assertThat(get("/no/such/path").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/ping").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> everything.goodTotal() + everything.badTotal() > before);
		assertThat(everything.goodTotal() + everything.badTotal()).isEqualTo(before + 1);
	}

	@Test
	void sloEndpointIsExposedByDefaultAndReportsEveryObjective() throws Exception {
		HttpResponse<String> response = get("/actuator/slo");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"items-availability\"", "\"items-latency\"", "\"everything\"",
				"\"burnRate\"", "\"errorBudgetRemaining\"", "\"alert\"", "\"threshold\":\"1s\"");
		HttpResponse<String> one = get("/actuator/slo/items-latency");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(one.body()).startsWith("{\"type\":\"latency\",\"target\":99.0,\"window\":\"30d\",\"threshold\":\"1s\","
				+ "\"uri\":\"/api/items/**\",\"good\":")
			.doesNotContain("items-availability", "\"listener\"", "\"description\"", "null");
		assertThat(get("/actuator/slo/unknown").statusCode()).isEqualTo(404);
	}

	@Test
	void sloHealthStaysUpWithABlownBudgetAndIsNeverPartOfTheProbes() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/items/3/fail").statusCode()).isEqualTo(500);
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.objectives.get("items-availability").errorBudgetRemaining() < 0);
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode slo = JsonMapper.builder().build().readTree(health.body()).path("components").path("slo");
		assertThat(slo.path("status").asString()).isEqualTo("UP");
		assertThat(slo.path("details").path("items-availability").path("alert").asString()).isEqualTo("page");
		assertThat(slo.path("details").path("items-availability").path("window").asString()).isEqualTo("30d");
		assertThat(slo.path("details").path("items-availability").has("threshold")).isFalse();
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("slo");
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("readinessState").doesNotContain("\"slo\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@RestController
		static class ItemsController {

			@GetMapping("/api/items/{id}")
			Map<String, String> item(@PathVariable String id, @RequestParam(defaultValue = "0") long delayMs)
					throws InterruptedException {
				if (delayMs > 0) {
					Thread.sleep(delayMs); // simulated slow work, not synchronisation
				}
				return Map.of("id", id);
			}

			@GetMapping("/api/items/{id}/fail")
			Map<String, String> fail(@PathVariable String id) {
				throw new IllegalStateException("boom " + id);
			}

			@GetMapping("/api/items/{id}/missing")
			Map<String, String> missing(@PathVariable String id) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no item " + id);
			}

			@PostMapping("/api/items")
			ResponseEntity<Void> create() {
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
			}

			@GetMapping("/ping")
			String ping() {
				return "pong";
			}

		}

	}

}
