package dev.observability.sample.slo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.observability.sample.SampleApplication;
import dev.observability.sample.support.AlertmanagerServer;
import dev.observability.sample.support.PrometheusServer;
import dev.observability.sample.support.RepositoryFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The proof of the SLO feature: the sample app under fault injection on its checkout route, scraped every
 * second by a real Prometheus that loads the repository's rule files. Prometheus's
 * {@code slo:sli_error:ratio_rate5m} and the app's own in-process 5m burn rate (times the error budget
 * 1 - 0.999) must agree within {@value #TOLERANCE} (absolute error ratio: both count the same events; the
 * tolerance only absorbs float rounding and a request that may race the last scrape), the page alert must
 * become pending or firing, and a real Alertmanager with the repository's {@code alertmanager.yml} must receive
 * it and route it to the paging receiver.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sample.traffic.enabled=false", "sample.payment.latency=5ms",
				"sample.payment.failure-rate=0", "sample.payment.decline-rate=0" })
class SloPrometheusEndToEndTests {

	private static final double TOLERANCE = 0.005;

	private static final double BUDGET = 1 - 0.999;

	private static final String SLO = "checkout-availability";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void prometheusRulesAndInProcessBurnRateAgreeAndThePageAlertFires() throws Exception {
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start();
				PrometheusServer prometheus = PrometheusServer.builder()
					.scrape("orders-service", "127.0.0.1:" + this.port, "/actuator/prometheus")
					.ruleFiles(RepositoryFiles.ruleFiles())
					.alertmanager(alertmanager.baseUrl())
					.start()) {
			prometheus.awaitTargetsUp(Duration.ofSeconds(30));
			await("zero-valued SLO series scraped before any traffic").atMost(Duration.ofSeconds(30))
				.until(() -> prometheus.query("slo_events_total{slo=\"" + SLO + "\"}").size() == 2);

			HttpResponse<String> faults = send(HttpRequest.newBuilder(uri("/admin/faults"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(
						"{\"errorRate\":0.5,\"extraLatency\":\"0ms\",\"pathPrefix\":\"/api/orders\"}")));
			assertThat(faults.statusCode()).as(faults.body()).isBetween(200, 299);

			String sku = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/catalog")).GET()).body()).get(0)
				.path("sku")
				.asString();
			String order = "{\"customerId\":\"c-slo\",\"channel\":\"web\",\"paymentMethod\":\"card\",\"currency\":\"EUR\","
					+ "\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
			int serverErrors = 0;
			int requests = 200;
			for (int i = 0; i < requests; i++) {
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(order)));
				if (response.statusCode() >= 500) {
					serverErrors++;
				}
			}
			assertThat(serverErrors).as("injected faults at 50%% of %d checkouts", requests).isBetween(50, 150);

			// the observation of the last request may stop just after its response reached the client
			int expectedBad = serverErrors;
			await("the app counted every checkout").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode counted = appObjective();
				assertThat(counted.path("bad").asLong()).isEqualTo(expectedBad);
				assertThat(counted.path("good").asLong() + counted.path("bad").asLong()).isEqualTo(requests);
			});
			double appErrorRatio = appObjective().path("burnRate").path("5m").asDouble() * BUDGET;
			assertThat(appErrorRatio).isCloseTo((double) serverErrors / requests, within(1e-9));

			await("Prometheus's 5m SLI error ratio agrees with the app's 5m burn rate").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(
						prometheus.queryValue("slo:sli_error:ratio_rate5m{application=\"orders-service\", slo=\"" + SLO + "\"}"))
					.isPresent()
					.satisfies((ratio) -> assertThat(ratio.getAsDouble()).isCloseTo(appErrorRatio, within(TOLERANCE))));

			await("SloErrorBudgetBurnPage pending or firing for " + SLO).atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(prometheus.alerts("SloErrorBudgetBurnPage"))
					.anySatisfy((alert) -> {
						assertThat(alert.path("labels").path("slo").asString()).isEqualTo(SLO);
						assertThat(alert.path("labels").path("application").asString()).isEqualTo("orders-service");
						assertThat(alert.path("labels").path("severity").asString()).isEqualTo("critical");
						assertThat(alert.path("state").asString()).isIn("pending", "firing");
					}));
			assertThat(appObjective().path("alert").asString()).isEqualTo("page");
			await("Alertmanager received the page and routed it to the paging receiver").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(alertmanager.alerts()).anySatisfy((alert) -> {
					assertThat(alert.path("labels").path("alertname").asString()).isEqualTo("SloErrorBudgetBurnPage");
					assertThat(alert.path("labels").path("slo").asString()).isEqualTo(SLO);
					assertThat(AlertmanagerServer.receivers(alert)).containsExactly("paging");
				}));
			assertThat(prometheus.alerts("SloErrorBudgetBurnPage"))
				.noneSatisfy((alert) -> assertThat(alert.path("labels").path("slo").asString()).isEqualTo("catalog-availability"));
		}
	}

	private JsonNode appObjective() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/slo")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("objectives").path(SLO);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
