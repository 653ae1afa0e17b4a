package dev.observability.sample.dashboards;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.observability.sample.SampleApplication;
import dev.observability.sample.dashboards.Dashboards.Dashboard;
import dev.observability.sample.dashboards.Dashboards.Target;
import dev.observability.sample.support.OtlpReceiver;
import dev.observability.sample.support.PrometheusServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.observability.sample.dashboards.StackFiles.list;
import static dev.observability.sample.dashboards.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end proof of the dashboards and rules: the sample app runs with its traffic generator and an OTLP
 * receiver for its spans, a real Prometheus scrapes it every second and evaluates every rule file of
 * {@code prometheus/rules/}; then every PromQL target of every dashboard panel (variables substituted) and every
 * recording rule must return series, a raised checkout error rate must drive the SLO page alert and the
 * high-error-ratio alert to pending or firing, and the latency exemplars must point at traces the receiver got.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sample.traffic.enabled=true", "sample.traffic.rate=25",
				// fulfilment attempts fail half the time: the Messaging dashboard's retries and dead letters have data
				"sample.faults.fulfilment-error-rate=0.5",
				// a clean baseline: no provider failures, so every checkout 5xx comes from the injected faults
				"sample.payment.failure-rate=0", "sample.payment.decline-rate=0", "sample.payment.latency=5ms",
				"management.tracing.sampling.probability=1.0" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsEndToEndTest {

	private static final String APPLICATION = "orders-service";

	/** Grafana's $__rate_interval for a 1s scrape interval is at least 4s; 30s smooths the few seconds of data. */
	private static final String RATE_INTERVAL = "30s";

	/**
	 * Panels that may legitimately return no series on a healthy app, by dashboard uid and panel title and
	 * refId, with the reason. Every entry must still name an existing target.
	 */
	static final Map<String, String> MAY_BE_EMPTY = Map.of(
			"obs-business / Series folded or denied by the cardinality guard / A",
			"observability_cardinality_overflow_total{meter} appears only once the guard folded a series of that meter; a healthy app has none",
			"obs-business / Series folded or denied by the cardinality guard / B",
			"observability_cardinality_denied_total{meter} appears only once the guard denied a gauge series of that meter; a healthy app has none",
			"obs-slos / Alerts / A",
			"an objective has alerts only while it burns its budget; the faults hit the checkout objectives, not catalog-availability");

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	@DynamicPropertySource
	static void exportSpansToTheReceiver(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::endpoint);
	}

	@LocalServerPort
	private int port;

	private PrometheusServer prometheus;

	private JsonNode alertsBeforeFaults;

	@BeforeAll
	void startPrometheusAndRaiseTheCheckoutErrorRate() throws Exception {
		this.prometheus = PrometheusServer.builder()
			.scrape("orders-service", "127.0.0.1:" + this.port, "/actuator/prometheus")
			.ruleFiles(StackFiles.list("prometheus/rules", "*.yml"))
			.start();
		this.prometheus.awaitTargetsUp(Duration.ofSeconds(30));
		// the rules have evaluated real data before the faults start
		Awaitility.await("error ratio and checkout SLI recorded from real traffic")
			.atMost(DEADLINE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> !this.prometheus.query("application:http_server_requests_errors:ratio_rate5m{application=\"" + APPLICATION + "\"}").isEmpty()
					&& !this.prometheus.query("slo:sli_error:ratio_rate5m{slo=\"checkout-availability\"}").isEmpty()
					&& !this.prometheus.query("sum(slo_events_total{slo=\"checkout-availability\"}) > 20").isEmpty());
		this.alertsBeforeFaults = this.prometheus.alerts();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/admin/faults"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\":0.6,\"pathPrefix\":\"/api/orders\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
	}

	@AfterAll
	void stop() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		receiver.close();
	}

	@Test
	void raisingTheCheckoutErrorRateDrivesTheSloPageAndHighErrorRatioAlerts() {
		assertThat(this.alertsBeforeFaults.values()).noneMatch(alert -> isAlert(alert, "SloErrorBudgetBurnPage", "slo", "checkout-availability"))
			.noneMatch(alert -> isAlert(alert, "ServiceHighErrorRatio", "severity", "critical"));
		Awaitility.await("SLO page and high error ratio alerts pending or firing")
			.atMost(DEADLINE)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.prometheus.alerts().values())
				.anyMatch(alert -> isAlert(alert, "SloErrorBudgetBurnPage", "slo", "checkout-availability"))
				.anyMatch(alert -> isAlert(alert, "ServiceHighErrorRatio", "severity", "critical")));
	}

	@Test
	void everyPromqlTargetOfEveryDashboardReturnsSeries() {
		List<Dashboard> dashboards = Dashboards.all();
		Set<String> known = new TreeSet<>();
		dashboards.forEach(dashboard -> dashboard.targets().forEach(target -> known.add(key(target))));
		assertThat(known).as("every panel listed as possibly empty exists").containsAll(MAY_BE_EMPTY.keySet());
		Awaitility.await("every dashboard query returns at least one series")
			.atMost(DEADLINE)
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(emptyTargets(dashboards)).isEmpty());
	}

	@Test
	void everyRecordingRuleYieldsSeries() {
		List<String> records = new ArrayList<>();
		for (Path file : StackFiles.list("prometheus/rules", "*.yml")) {
			for (Object group : list(StackFiles.readMap(file).get("groups"))) {
				for (Object rule : list(map(group).get("rules"))) {
					Object record = map(rule).get("record");
					if (record != null) {
						StringBuilder selector = new StringBuilder(record + "{application=\"" + APPLICATION + "\"");
						map(map(rule).get("labels")).forEach((name, value) -> selector.append(", ").append(name).append("=\"").append(value).append('"'));
						records.add(selector.append('}').toString());
					}
				}
			}
		}
		assertThat(records).isNotEmpty();
		Awaitility.await("every recording rule yields a series")
			.atMost(DEADLINE)
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(records).filteredOn(selector -> this.prometheus.query(selector).isEmpty()).isEmpty());
	}

	@Test
	void latencyExemplarsAreStoredAndTheirTracesReachedTheOtlpReceiver() {
		Set<String> exemplarTraceIds = new TreeSet<>();
		Awaitility.await("exemplars on http_server_requests_seconds_bucket")
			.atMost(DEADLINE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> {
				JsonNode exemplars = this.prometheus.exemplars("http_server_requests_seconds_bucket{application=\"" + APPLICATION + "\"}",
						Instant.now().minusSeconds(600), Instant.now().plusSeconds(60));
				for (JsonNode series : exemplars) {
					for (JsonNode exemplar : series.path("exemplars")) {
						exemplarTraceIds.add(exemplar.path("labels").path("trace_id").asString(""));
					}
				}
				return exemplarTraceIds.size() >= 5;
			});
		assertThat(exemplarTraceIds).allMatch(id -> id.matches("[0-9a-f]{32}"));
		Awaitility.await("the exemplars' traces exported to the OTLP receiver")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(receiver.spans().stream().map(OtlpReceiver.ReceivedSpan::traceId).distinct())
				.containsAll(exemplarTraceIds));
	}

	private List<String> emptyTargets(List<Dashboard> dashboards) {
		List<String> empty = new ArrayList<>();
		for (Dashboard dashboard : dashboards) {
			for (Map<String, String> variables : variableSets(dashboard)) {
				for (Target target : dashboard.targets()) {
					if (!target.isPrometheus() || MAY_BE_EMPTY.containsKey(key(target))) {
						continue;
					}
					String query = substitute(target.query(), variables);
					if (this.prometheus.query(query).isEmpty()) {
						empty.add(key(target) + " " + variables + ": " + query);
					}
				}
			}
		}
		return empty;
	}

	/** The values Grafana would give the dashboard's variables, read through the variables' own queries. */
	private List<Map<String, String>> variableSets(Dashboard dashboard) {
		Map<String, String> base = new LinkedHashMap<>();
		base.put("__rate_interval", RATE_INTERVAL);
		List<String> slos = List.of();
		for (Map<String, Object> variable : dashboard.variables()) {
			String name = (String) variable.get("name");
			switch (String.valueOf(variable.get("type"))) {
				case "query" -> {
					List<String> values = labelValues(substitute((String) variable.get("definition"), base));
					assertThat(values).as(dashboard + " variable " + name + " has values").isNotEmpty();
					if (name.equals("application")) {
						assertThat(values).contains(APPLICATION);
						base.put(name, APPLICATION);
					}
					else if (name.equals("slo")) {
						slos = values;
					}
					else {
						base.put(name, values.get(0));
					}
				}
				case "custom" -> base.put(name, (String) map(variable.get("current")).get("value"));
				default -> base.put(name, "");
			}
		}
		if (slos.isEmpty()) {
			return List.of(base);
		}
		// the SLO dashboard repeats its row per objective: evaluate every objective
		List<Map<String, String>> sets = new ArrayList<>();
		for (String slo : slos) {
			Map<String, String> variables = new LinkedHashMap<>(base);
			variables.put("slo", slo);
			sets.add(variables);
		}
		return sets;
	}

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

	private List<String> labelValues(String definition) {
		Matcher matcher = LABEL_VALUES.matcher(definition);
		assertThat(matcher.matches()).as(definition).isTrue();
		List<String> values = new ArrayList<>();
		this.prometheus.data("/api/v1/label/" + matcher.group(2) + "/values?match[]="
				+ URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8)).forEach(value -> values.add(value.asString()));
		return values;
	}

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)\\}?");

	private static String substitute(String query, Map<String, String> variables) {
		Matcher matcher = VARIABLE.matcher(query);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			assertThat(value).as("value of $" + matcher.group(1) + " in " + query).isNotNull();
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		return matcher.appendTail(result).toString();
	}

	private static String key(Target target) {
		return target.dashboard().uid() + " / " + target.panel() + " / " + target.refId();
	}

	private static boolean isAlert(JsonNode alert, String name, String label, String value) {
		JsonNode labels = alert.path("labels");
		return name.equals(labels.path("alertname").asString("")) && value.equals(labels.path(label).asString(""))
				&& Set.of("pending", "firing").contains(alert.path("state").asString(""));
	}

}
