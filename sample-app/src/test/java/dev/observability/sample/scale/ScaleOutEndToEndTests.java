package dev.observability.sample.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import dev.observability.sample.SampleApplication;
import dev.observability.sample.support.PrometheusServer;
import dev.observability.sample.support.RepositoryFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/**
 * The fleet topology in miniature (README "Running at scale"): three instances of the sample app, scraped by a
 * Prometheus in agent mode that forwards every sample by {@code remote_write} to a central Prometheus with the
 * remote-write receiver on, which evaluates the repository's {@code prometheus/rules/}, as Mimir's, Thanos's or
 * VictoriaMetrics' ruler would.
 * <p>
 * Instance A takes faults, B and C do not. The central SLI error ratio must be the errors summed over all three
 * instances divided by the events summed over all three (as the apps themselves counted them), not an average of
 * per-instance ratios; per-instance series stay apart by {@code instance}; and the page alert, one per
 * application and objective, fires only once the fleet-wide burn warrants it: A alone at 2% errors (20x the
 * budget of 99.9%) stays silent while the fleet burns 0.4% (4x, under both page conditions: 14.4x over 1h
 * and 5m, 6x over 6h and 30m), and pages when A's further failures lift the fleet to 6% (60x).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutEndToEndTests {

	private static final String SLO = "checkout-availability";

	private static final String APPLICATION = "orders-service";

	/** Error budget of checkout-availability (target 99.9%). */
	private static final double BUDGET = 1 - 0.999;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Rate extrapolation differs a little between series that started at different moments. */
	private static final double PERCENT = 3;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	@BeforeAll
	void startThreeInstances() {
		for (int i = 0; i < 3; i++) {
			// command-line arguments: they take precedence over the app's application.yml
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
					"--server.port=0", "--server.address=127.0.0.1", "--sample.traffic.enabled=false",
					"--sample.payment.latency=1ms", "--sample.payment.failure-rate=0", "--sample.payment.decline-rate=0",
					// a cold instance on a busy machine may take seconds to answer its first payment
					"--spring.http.clients.read-timeout=60s",
					// one JVM, three applications: each keeps its own in-memory database
					"--spring.datasource.url=jdbc:h2:mem:orders-" + i + ";DB_CLOSE_DELAY=-1");
			this.instances.add(context);
			this.ports.add(((WebServerApplicationContext) context).getWebServer().getPort());
		}
	}

	@AfterAll
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void centralRulesAggregateTheFleetAndPageOnlyOnFleetWideBurn() throws Exception {
		try (PrometheusServer central = PrometheusServer.builder()
			.remoteWriteReceiver()
			.ruleFiles(RepositoryFiles.ruleFiles())
			.start();
				PrometheusServer agent = PrometheusServer.builder()
					.agent()
					.scrape(APPLICATION, target(0), "/actuator/prometheus")
					.scrape(APPLICATION, target(1), "/actuator/prometheus")
					.scrape(APPLICATION, target(2), "/actuator/prometheus")
					// a label every fleet adds (cluster, region): the rules must aggregate it away
					.externalLabel("cluster", "test")
					.remoteWrite(central.remoteWriteUrl())
					.start()) {
			await("zero-valued SLO series of all three instances forwarded to the central Prometheus")
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> central.query("slo_events_total{slo=\"" + SLO + "\", cluster=\"test\"}").size() == 6);

			// phase 1: the errors of A come last, so the fleet ratio never exceeds its final 2/500
			CompletableFuture<Void> b = CompletableFuture.runAsync(() -> checkouts(1, 200));
			CompletableFuture<Void> c = CompletableFuture.runAsync(() -> checkouts(2, 200));
			checkouts(0, 98);
			b.join();
			c.join();
			faults(0, 1.0);
			checkouts(0, 2);
			faults(0, 0.0);

			double fleetRatio = awaitFleetErrorRatio(central, 2, 500);
			assertThat(fleetRatio / BUDGET).as("fleet burn rate, under both page thresholds (14.4x, 6x)").isLessThan(6);
			assertPerInstanceRatios(central, 0.02);
			assertThat(0.02 / BUDGET).as("A's own burn rate, over the page threshold").isGreaterThan(14.4);
			// a few more evaluations on the final data, then the whole history: the page never went pending
			awaitEvaluations(central, 5);
			assertThat(central.query("count_over_time(ALERTS{alertname=\"SloErrorBudgetBurnPage\", slo=\"" + SLO + "\"}[15m])"))
				.as("page alert while only instance A fails")
				.isEmpty();

			// phase 2: A keeps failing; the fleet now burns 32/530
			faults(0, 1.0);
			checkouts(0, 30);
			faults(0, 0.0);
			assertThat(awaitFleetErrorRatio(central, 32, 530) / BUDGET).isGreaterThan(14.4);
			await("fleet-wide page").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(central.alerts("SloErrorBudgetBurnPage"))
					// a busy machine may also burn checkout-latency's budget: only the faults' objective counts here
					.filteredOn((alert) -> alert.path("labels").path("slo").asString().equals(SLO))
					.singleElement()
					.satisfies((alert) -> {
						assertThat(alert.path("labels").path("application").asString()).isEqualTo(APPLICATION);
						assertThat(alert.path("labels").has("instance")).as("one alert for the fleet").isFalse();
						assertThat(alert.path("state").asString()).isIn("pending", "firing");
					}));
		}
	}

	/**
	 * Waits until the central {@code slo:sli_error:ratio_rate5m} and {@code ratio_rate1h} (one series for the
	 * fleet) match the errors summed over the instances divided by the events summed over them, as the apps
	 * counted them, and returns that ratio.
	 */
	private double awaitFleetErrorRatio(PrometheusServer central, long expectedBad, long expectedEvents) {
		long bad = 0;
		long events = 0;
		for (int i = 0; i < 3; i++) {
			int instance = i;
			JsonNode counted = await("instance " + i + " counted its checkouts").atMost(Duration.ofSeconds(10))
				.until(() -> objective(instance), (node) -> node.path("good").asLong() + node.path("bad").asLong() > 0);
			bad += counted.path("bad").asLong();
			events += counted.path("good").asLong() + counted.path("bad").asLong();
		}
		assertThat(bad).as("bad events counted by the apps").isEqualTo(expectedBad);
		assertThat(events).as("events counted by the apps").isEqualTo(expectedEvents);
		double expected = (double) bad / events;
		for (String window : List.of("5m", "1h")) {
			await("central slo:sli_error:ratio_rate" + window + " = fleet errors / fleet events").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> {
					JsonNode result = central.query("slo:sli_error:ratio_rate" + window + "{slo=\"" + SLO + "\"}");
					assertThat(result).as("one series for the fleet").hasSize(1);
					JsonNode series = result.get(0);
					assertThat(series.path("metric").path("application").asString()).isEqualTo(APPLICATION);
					assertThat(series.path("metric").has("instance")).isFalse();
					assertThat(Double.parseDouble(series.path("value").get(1).asString())).isCloseTo(expected,
							withinPercentage(PERCENT));
				});
		}
		return expected;
	}

	/** Per-instance series stay apart: A's own ratio is its own, B's and C's are zero. */
	private void assertPerInstanceRatios(PrometheusServer central, double ratioOfA) {
		JsonNode raw = central.query("slo_events_total{slo=\"" + SLO + "\"}");
		Set<String> instances = new TreeSet<>();
		raw.forEach((series) -> instances.add(series.path("metric").path("instance").asString()));
		assertThat(instances).containsExactlyInAnyOrder(target(0), target(1), target(2));
		String byInstance = "sum by (instance) (rate(slo_events_total{slo=\"" + SLO + "\", outcome=\"bad\"}[5m]))"
				+ " / sum by (instance) (rate(slo_events_total{slo=\"" + SLO + "\"}[5m]))";
		JsonNode ratios = central.query(byInstance);
		assertThat(ratios).hasSize(3);
		for (JsonNode series : ratios) {
			double ratio = Double.parseDouble(series.path("value").get(1).asString());
			if (series.path("metric").path("instance").asString().equals(target(0))) {
				assertThat(ratio).as("instance A alone burns %.0fx", ratio * 1000).isCloseTo(ratioOfA, withinPercentage(PERCENT));
			}
			else {
				assertThat(ratio).isZero();
			}
		}
	}

	/** Waits until the central rule group has been evaluated this many more times. */
	private void awaitEvaluations(PrometheusServer central, int evaluations) {
		String last = lastEvaluation(central);
		for (int i = 0; i < evaluations; i++) {
			String previous = last;
			last = await("rule evaluation").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> lastEvaluation(central), (now) -> !now.equals(previous));
		}
	}

	private static String lastEvaluation(PrometheusServer central) {
		for (JsonNode group : central.ruleGroups()) {
			if (group.path("name").asString().equals("slo")) {
				return group.path("lastEvaluation").asString();
			}
		}
		throw new AssertionError("no slo rule group in " + central.ruleGroups());
	}

	private void checkouts(int instance, int count) {
		try {
			String sku = JSON.readTree(send(HttpRequest.newBuilder(uri(instance, "/api/catalog")).GET()).body())
				.get(0)
				.path("sku")
				.asString();
			String order = "{\"customerId\":\"c-fleet\",\"channel\":\"web\",\"paymentMethod\":\"card\",\"currency\":\"EUR\","
					+ "\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
			for (int i = 0; i < count; i++) {
				send(HttpRequest.newBuilder(uri(instance, "/api/orders"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(order)));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void faults(int instance, double errorRate) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(instance, "/admin/faults"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					"{\"errorRate\":" + errorRate + ",\"extraLatency\":\"0ms\",\"pathPrefix\":\"/api/orders\"}")));
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
	}

	private JsonNode objective(int instance) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(instance, "/actuator/slo")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("objectives").path(SLO);
	}

	private String target(int instance) {
		return "127.0.0.1:" + this.ports.get(instance);
	}

	private URI uri(int instance, String path) {
		return URI.create("http://" + target(instance) + path);
	}

	/** A generous timeout: the first checkout of a cold instance on a busy machine takes seconds. */
	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
