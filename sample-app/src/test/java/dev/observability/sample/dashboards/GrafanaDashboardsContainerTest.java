package dev.observability.sample.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.observability.sample.SampleApplication;
import dev.observability.sample.dashboards.Dashboards.Dashboard;
import dev.observability.sample.dashboards.Dashboards.Target;
import dev.observability.sample.support.DockerEngine;
import dev.observability.sample.support.PrometheusServer;
import dev.observability.sample.support.StackImage;
import dev.observability.sample.support.StackServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards as Grafana itself loads and runs them: a Grafana container ({@link StackImage#GRAFANA}) provisioned
 * exactly as {@code compose.yaml} provisions it (the repository's provisioning files and dashboards; only the
 * Prometheus data source's URL points at this test's Prometheus), next to the sample app with its traffic generator
 * and a Prometheus with the repository's rules. Through Grafana's HTTP API every dashboard must load with all its
 * panels, and every Prometheus query of every panel must return data through {@code /api/ds/query}.
 * <p>
 * It needs the Grafana image: where it cannot be pulled (no registry, as in this project's CI) the test is
 * skipped and says so; it runs wherever the image can be pulled. Loki and Tempo panels are not queried (no Loki
 * or Tempo here; {@code DashboardsEndToEndTest} checks the span side against an OTLP receiver).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sample.traffic.enabled=true", "sample.traffic.rate=25",
				"sample.payment.failure-rate=0", "sample.payment.decline-rate=0", "sample.payment.latency=5ms" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(GrafanaDashboardsContainerTest.GrafanaImageAvailable.class)
class GrafanaDashboardsContainerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> VARIABLES = Map.of("application", "orders-service", "instance", ".*", "slo",
			"checkout-availability", "slo_window", "30d");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private PrometheusServer prometheus;

	private StackServer grafana;

	@BeforeAll
	void startPrometheusAndGrafana() throws Exception {
		this.prometheus = PrometheusServer.builder()
			.scrape("orders-service", "127.0.0.1:" + this.port, "/actuator/prometheus")
			.ruleFiles(StackFiles.list("prometheus/rules", "*.yml"))
			.start();
		StackServer.Spec spec = new StackServer.Spec("Grafana", StackImage.GRAFANA, null, "", "/var/lib/grafana")
			.environment(Map.of("GF_AUTH_ANONYMOUS_ENABLED", "true", "GF_AUTH_ANONYMOUS_ORG_ROLE", "Admin"))
			.arguments((config, data, grafanaPort) -> List.of("cfg:server.http_addr=127.0.0.1",
					"cfg:server.http_port=" + grafanaPort))
			.readyPath("/api/health")
			.startTimeout(Duration.ofMinutes(2));
		// the same places compose.yaml mounts them at
		String datasources = Files.readString(StackFiles.resolve("grafana/provisioning/datasources/datasources.yaml"));
		assertThat(datasources).contains("url: http://prometheus:9090");
		spec.file("etc/grafana/provisioning/datasources/datasources.yaml",
				datasources.replace("url: http://prometheus:9090", "url: " + this.prometheus.baseUrl()).getBytes(StandardCharsets.UTF_8));
		spec.file("etc/grafana/provisioning/dashboards/dashboards.yaml",
				Files.readAllBytes(StackFiles.resolve("grafana/provisioning/dashboards/dashboards.yaml")));
		for (Path dashboard : StackFiles.list("grafana/dashboards", "*.json")) {
			spec.file(ComposeFileTest.GRAFANA_DASHBOARDS_PATH.substring(1) + "/" + dashboard.getFileName(), Files.readAllBytes(dashboard));
		}
		this.grafana = StackServer.start(spec);
		this.prometheus.awaitTargetsUp(Duration.ofSeconds(30));
		// the same fault as DashboardsEndToEndTest, so the error panels have data
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/admin/faults"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\":0.3,\"pathPrefix\":\"/api/orders\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
	}

	@AfterAll
	void stop() {
		if (this.grafana != null) {
			this.grafana.close();
		}
		if (this.prometheus != null) {
			this.prometheus.close();
		}
	}

	@Test
	void everyDashboardLoadsWithAllItsPanels() {
		for (Dashboard dashboard : Dashboards.all()) {
			JsonNode loaded = get("/api/dashboards/uid/" + dashboard.uid());
			assertThat(loaded.path("meta").path("provisioned").asBoolean()).as(dashboard + " provisioned").isTrue();
			assertThat(loaded.path("dashboard").path("panels").size()).as(dashboard + " panels")
				.isEqualTo(StackFiles.list(dashboard.json().get("panels")).size());
		}
	}

	@Test
	void everyPrometheusQueryOfEveryPanelReturnsDataThroughGrafana() {
		List<Target> targets = new ArrayList<>();
		Dashboards.all().forEach((dashboard) -> dashboard.targets()
			.stream()
			.filter(Target::isPrometheus)
			.filter((target) -> !DashboardsEndToEndTest.MAY_BE_EMPTY.containsKey(
					target.dashboard().uid() + " / " + target.panel() + " / " + target.refId()))
			.forEach(targets::add));
		assertThat(targets).isNotEmpty();
		Awaitility.await("every panel query returns data through Grafana")
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(targets).filteredOn((target) -> !returnsData(target)).isEmpty());
	}

	private boolean returnsData(Target target) {
		String expr = target.query();
		for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
			expr = expr.replace("${" + variable.getKey() + "}", variable.getValue()).replace("$" + variable.getKey(), variable.getValue());
		}
		ObjectNode body = JSON.createObjectNode().put("from", "now-5m").put("to", "now");
		ObjectNode query = body.putArray("queries").addObject();
		query.put("refId", "A").put("expr", expr).put("instant", target.instant()).put("range", !target.instant())
			.put("intervalMs", 15000).put("maxDataPoints", 100);
		query.putObject("datasource").put("type", "prometheus").put("uid", "prometheus");
		JsonNode result = post("/api/ds/query", body.toString()).path("results").path("A");
		if (result.has("error")) {
			return false;
		}
		for (JsonNode frame : result.path("frames")) {
			JsonNode values = frame.path("data").path("values");
			if (values.size() > 0 && values.get(0).size() > 0) {
				return true;
			}
		}
		return false;
	}

	private JsonNode get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.grafana.baseUrl() + path)).GET());
	}

	private JsonNode post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.grafana.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private JsonNode send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Skips the class before the app starts, saying why, when no Docker engine answers or the Grafana image is
	 * neither present nor pullable.
	 */
	static final class GrafanaImageAvailable implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (!DockerEngine.available()) {
				return ConditionEvaluationResult.disabled("needs a Docker engine to run Grafana, and none answers here");
			}
			String image = StackImage.GRAFANA.image();
			var docker = DockerClientFactory.instance().client();
			try {
				docker.inspectImageCmd(image).exec();
				return ConditionEvaluationResult.enabled(image + " is present");
			}
			catch (RuntimeException notPresent) {
				// pull it
			}
			try {
				docker.pullImageCmd(image).start().awaitCompletion(5, TimeUnit.MINUTES);
				return ConditionEvaluationResult.enabled(image + " pulled");
			}
			catch (RuntimeException ex) {
				return ConditionEvaluationResult.disabled("Grafana image " + image + " cannot be pulled here ("
						+ String.valueOf(ex.getMessage()).lines().findFirst().orElse("") + "); this test runs wherever it can be "
						+ "pulled, or set " + StackImage.GRAFANA.variable() + " to an image this Docker engine has");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ConditionEvaluationResult.disabled("interrupted while pulling " + image);
			}
		}

	}

}
