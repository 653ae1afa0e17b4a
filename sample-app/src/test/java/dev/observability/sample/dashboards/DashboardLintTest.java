package dev.observability.sample.dashboards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.observability.sample.dashboards.Dashboards.Dashboard;
import dev.observability.sample.dashboards.Dashboards.Target;
import org.junit.jupiter.api.Test;

import static dev.observability.sample.dashboards.StackFiles.list;
import static dev.observability.sample.dashboards.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints the dashboards of {@code grafana/dashboards/} and the Grafana provisioning against the conventions the
 * community dashboards break: data sources through variables only, application and instance variables,
 * {@code $__rate_interval} windows, a unit on every panel, stable lowercase uids, links that keep time and
 * variables, exemplars on latency panels.
 */
class DashboardLintTest {

	/** The uids are part of the public surface (bookmarks, links): renaming one breaks users. */
	private static final Map<String, String> STABLE_UIDS = Map.of("service-overview.json", "obs-service-overview",
			"jvm-resources.json", "obs-jvm-resources", "slos.json", "obs-slos", "business.json", "obs-business",
			"logs-traces.json", "obs-logs-traces", "messaging.json", "obs-messaging");

	/**
	 * Range windows other than $__rate_interval, by dashboard uid and panel title, each with its reason. Nothing
	 * else may use a fixed or custom window.
	 */
	private static final Map<String, String> WINDOW_EXCEPTIONS = Map.of(
			"obs-slos / SLI over the window", "[$slo_window]: the SLI is defined over the objective's own window (30d, 7d, ...), not over the panel resolution",
			"obs-slos / Error budget remaining", "[$slo_window]: the error budget is spent over the objective's own window");

	private static final Set<String> BUILT_IN_VARIABLES = Set.of("__rate_interval", "__interval", "__range", "__auto",
			"__interval_ms", "__range_s");

	private static final Pattern RANGE = Pattern.compile("\\[([^\\]]+)\\]");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

	private final List<Dashboard> dashboards = Dashboards.all();

	@Test
	void everyExpectedDashboardExistsWithItsStableLowercaseUid() {
		Map<String, String> uids = new LinkedHashMap<>();
		this.dashboards.forEach(dashboard -> uids.put(dashboard.file().getFileName().toString(), dashboard.uid()));
		assertThat(uids).isEqualTo(STABLE_UIDS);
		assertThat(uids.values()).allMatch(uid -> uid.matches("[a-z0-9-]{1,40}")).doesNotHaveDuplicates();
	}

	@Test
	void dashboardsHaveNullIdsNoInputsAndACurrentSchema() {
		for (Dashboard dashboard : this.dashboards) {
			assertThat(dashboard.json()).as(dashboard + " id").containsEntry("id", null);
			assertThat(dashboard.json()).as(dashboard + " imports").doesNotContainKeys("__inputs", "__requires");
			assertThat((Integer) dashboard.json().get("schemaVersion")).as(dashboard + " schemaVersion").isBetween(36, 41);
			assertThat(list(dashboard.json().get("tags"))).as(dashboard + " tags").contains("observability");
		}
	}

	@Test
	void dashboardsSelectTheirDataSourcesAndApplicationAndInstanceThroughVariables() {
		for (Dashboard dashboard : this.dashboards) {
			Map<String, Map<String, Object>> variables = variablesByName(dashboard);
			assertThat(variables.get("datasource")).as(dashboard + " datasource variable")
				.containsEntry("type", "datasource")
				.containsEntry("query", "prometheus");
			for (String name : List.of("application", "instance")) {
				Map<String, Object> variable = variables.get(name);
				assertThat(variable).as(dashboard + " " + name + " variable").isNotNull().containsEntry("type", "query");
				assertThat(map(variable.get("datasource"))).as(dashboard + " " + name + " variable data source")
					.containsEntry("uid", Dashboards.PROMETHEUS);
				assertThat(String.valueOf(variable.get("definition"))).as(dashboard + " " + name).startsWith("label_values(");
			}
			for (Map<String, Object> variable : variables.values()) {
				if ("query".equals(variable.get("type"))) {
					assertThat(map(variable.get("datasource"))).as(dashboard + " variable " + variable.get("name"))
						.containsEntry("uid", Dashboards.PROMETHEUS);
				}
			}
		}
	}

	@Test
	void everyPanelAndTargetUsesADataSourceVariableOfTheRightType() {
		Map<String, String> typeOfVariable = Map.of(Dashboards.PROMETHEUS, "prometheus", Dashboards.LOKI, "loki",
				Dashboards.TEMPO, "tempo");
		for (Dashboard dashboard : this.dashboards) {
			Map<String, Map<String, Object>> variables = variablesByName(dashboard);
			for (Map<String, Object> panel : dashboard.panels()) {
				if ("row".equals(panel.get("type"))) {
					continue;
				}
				Map<String, Object> datasource = map(panel.get("datasource"));
				String uid = (String) datasource.get("uid");
				String where = dashboard + " panel '" + panel.get("title") + "'";
				assertThat(typeOfVariable).as(where + " data source").containsKey(uid);
				assertThat(datasource.get("type")).as(where + " data source type").isEqualTo(typeOfVariable.get(uid));
				String variableName = uid.substring(2, uid.length() - 1);
				assertThat(variables.get(variableName)).as(where + " variable " + variableName)
					.containsEntry("type", "datasource")
					.containsEntry("query", typeOfVariable.get(uid));
				for (Object target : list(panel.get("targets"))) {
					assertThat(map(map(target).get("datasource"))).as(where + " target data source")
						.containsEntry("uid", uid);
				}
			}
		}
	}

	@Test
	void everyPanelHasAUnit() {
		List<String> withoutUnit = new ArrayList<>();
		for (Dashboard dashboard : this.dashboards) {
			for (Map<String, Object> panel : dashboard.panels()) {
				Object unit = map(map(panel.get("fieldConfig")).get("defaults")).get("unit");
				if (!"row".equals(panel.get("type")) && (!(unit instanceof String text) || text.isBlank())) {
					withoutUnit.add(dashboard + " / " + panel.get("title"));
				}
			}
		}
		assertThat(withoutUnit).isEmpty();
	}

	@Test
	void rangeWindowsAreRateIntervalExceptTheListedSloWindows() {
		List<String> violations = new ArrayList<>();
		Set<String> exceptionsUsed = new HashSet<>();
		for (Dashboard dashboard : this.dashboards) {
			for (Target target : dashboard.targets()) {
				Matcher range = RANGE.matcher(target.query());
				while (range.find()) {
					String window = range.group(1);
					String key = dashboard.uid() + " / " + target.panel();
					if (target.isPrometheus() && window.equals("$__rate_interval")) {
						continue;
					}
					if (Dashboards.LOKI.equals(target.datasource()) && window.equals("$__auto")) {
						continue;
					}
					if (WINDOW_EXCEPTIONS.containsKey(key)) {
						exceptionsUsed.add(key);
						continue;
					}
					violations.add(target + " uses [" + window + "]");
				}
			}
		}
		assertThat(violations).isEmpty();
		assertThat(exceptionsUsed).as("every listed exception is still needed").isEqualTo(WINDOW_EXCEPTIONS.keySet());
	}

	@Test
	void everyPrometheusTargetIsScopedToTheSelectedApplication() {
		List<String> unscoped = new ArrayList<>();
		for (Dashboard dashboard : this.dashboards) {
			for (Target target : dashboard.targets()) {
				if (target.isPrometheus() && !target.query().contains("application=~\"$application\"")) {
					unscoped.add(target.toString());
				}
			}
		}
		assertThat(unscoped).isEmpty();
	}

	@Test
	void everyVariableAQueryUsesIsDefined() {
		List<String> undefined = new ArrayList<>();
		for (Dashboard dashboard : this.dashboards) {
			Set<String> defined = variablesByName(dashboard).keySet();
			for (Target target : dashboard.targets()) {
				Matcher variable = VARIABLE.matcher(target.query());
				while (variable.find()) {
					String name = variable.group(1);
					if (!defined.contains(name) && !BUILT_IN_VARIABLES.contains(name)) {
						undefined.add(target + " uses $" + name);
					}
				}
			}
		}
		assertThat(undefined).isEmpty();
	}

	@Test
	void latencyPanelsShowExemplars() {
		List<String> withoutExemplars = new ArrayList<>();
		for (Dashboard dashboard : this.dashboards) {
			for (Target target : dashboard.targets()) {
				if (target.isPrometheus() && target.query().contains("histogram_quantile(")
						&& target.query().matches("(?s).*http_(server|client)_requests_seconds_bucket\\{.*") && !target.exemplar()) {
					withoutExemplars.add(target.toString());
				}
			}
		}
		assertThat(withoutExemplars).isEmpty();
		assertThat(this.dashboards.stream().flatMap(dashboard -> dashboard.targets().stream()).filter(Target::exemplar))
			.isNotEmpty();
	}

	@Test
	void panelsHaveUniqueIdsTitlesAndRefIdsAndAGridPosition() {
		for (Dashboard dashboard : this.dashboards) {
			Set<Object> ids = new HashSet<>();
			Set<Object> titles = new HashSet<>();
			for (Map<String, Object> panel : dashboard.panels()) {
				assertThat(ids.add(panel.get("id"))).as(dashboard + " duplicate panel id " + panel.get("id")).isTrue();
				assertThat(titles.add(panel.get("title"))).as(dashboard + " duplicate panel title " + panel.get("title")).isTrue();
				assertThat(map(panel.get("gridPos"))).as(dashboard + " gridPos of " + panel.get("title"))
					.containsKeys("h", "w", "x", "y");
				assertThat(list(panel.get("targets")).stream().map(target -> map(target).get("refId")))
					.as(dashboard + " refIds of " + panel.get("title"))
					.doesNotContainNull()
					.doesNotHaveDuplicates();
				assertThat(panel.get("title")).as(dashboard + " panel title").isInstanceOf(String.class);
			}
		}
	}

	@Test
	void linksBetweenDashboardsKeepTimeAndVariables() {
		for (Dashboard dashboard : this.dashboards) {
			List<Object> links = list(dashboard.json().get("links"));
			assertThat(links).as(dashboard + " links").isNotEmpty();
			for (Object link : links) {
				assertThat(map(link)).as(dashboard + " link").containsEntry("keepTime", true).containsEntry("includeVars", true);
				if ("dashboards".equals(map(link).get("type"))) {
					// a tag link lists every dashboard carrying the tag; all of ours carry "observability"
					assertThat(list(map(link).get("tags"))).as(dashboard + " link tags").containsExactly("observability");
				}
			}
		}
	}

	@Test
	void provisionedDataSourcesLinkExemplarsTracesAndLogsByUid() {
		Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
		for (Object datasource : list(StackFiles
			.readMap(StackFiles.resolve("grafana/provisioning/datasources/datasources.yaml"))
			.get("datasources"))) {
			byType.put((String) map(datasource).get("type"), map(datasource));
		}
		assertThat(byType).containsOnlyKeys("prometheus", "tempo", "loki");
		String prometheus = (String) byType.get("prometheus").get("uid");
		String tempo = (String) byType.get("tempo").get("uid");
		String loki = (String) byType.get("loki").get("uid");
		assertThat(List.of(prometheus, tempo, loki)).doesNotContainNull().doesNotHaveDuplicates();

		Map<String, Object> prometheusJson = map(byType.get("prometheus").get("jsonData"));
		assertThat(list(prometheusJson.get("exemplarTraceIdDestinations"))).singleElement()
			.satisfies(destination -> assertThat(map(destination)).containsEntry("name", "trace_id")
				.containsEntry("datasourceUid", tempo));
		Map<String, Object> tempoJson = map(byType.get("tempo").get("jsonData"));
		assertThat(map(tempoJson.get("tracesToLogsV2"))).containsEntry("datasourceUid", loki);
		assertThat(map(tempoJson.get("tracesToMetrics"))).containsEntry("datasourceUid", prometheus);
		Map<String, Object> lokiJson = map(byType.get("loki").get("jsonData"));
		assertThat(list(lokiJson.get("derivedFields"))).singleElement()
			.satisfies(field -> assertThat(map(field)).containsEntry("name", "trace_id").containsEntry("datasourceUid", tempo));
	}

	@Test
	void dashboardProviderLoadsTheDashboardsIntoAFolder() {
		Map<String, Object> provider = map(list(StackFiles
			.readMap(StackFiles.resolve("grafana/provisioning/dashboards/dashboards.yaml"))
			.get("providers")).get(0));
		assertThat(provider).containsEntry("type", "file").containsEntry("folder", "Observability");
		assertThat(map(provider.get("options"))).containsEntry("path", ComposeFileTest.GRAFANA_DASHBOARDS_PATH);
	}

	private static Map<String, Map<String, Object>> variablesByName(Dashboard dashboard) {
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		dashboard.variables().forEach(variable -> variables.put((String) variable.get("name"), variable));
		return variables;
	}

}
