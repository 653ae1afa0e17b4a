package dev.observability.sample.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.observability.sample.dashboards.StackFiles.list;
import static dev.observability.sample.dashboards.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code k8s/} in step with {@code prometheus/}: the PrometheusRule carries exactly the rule groups of
 * every file in {@code prometheus/rules/}, and the ServiceMonitor scrapes the path prometheus.yml scrapes.
 * <p>
 * After changing a rule file, regenerate the PrometheusRule with
 * {@code ./mvnw -pl sample-app -am test -Dtest=KubernetesManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dk8s.regenerate=true}.
 */
class KubernetesManifestsTest {

	private static final Path PROMETHEUS_RULE = StackFiles.resolve("k8s/prometheusrule.yaml");

	@Test
	void prometheusRuleCarriesExactlyTheRulesOfPrometheusRules() throws IOException {
		if (Boolean.getBoolean("k8s.regenerate")) {
			Files.writeString(PROMETHEUS_RULE, render());
		}
		Map<String, Object> rule = StackFiles.readMap(PROMETHEUS_RULE);
		assertThat(rule).containsEntry("apiVersion", "monitoring.coreos.com/v1").containsEntry("kind", "PrometheusRule");
		assertThat(list(map(rule.get("spec")).get("groups")))
			.as("k8s/prometheusrule.yaml is out of date: regenerate it (see KubernetesManifestsTest)")
			.isEqualTo(ruleGroups());
	}

	@Test
	void ruleGroupNamesAreUniqueAcrossRuleFiles() {
		assertThat(ruleGroups().stream().map(group -> map(group).get("name"))).doesNotContainNull().doesNotHaveDuplicates();
	}

	@Test
	void serviceMonitorScrapesThePathPrometheusScrapes() {
		Map<String, Object> monitor = StackFiles.readMap(StackFiles.resolve("k8s/servicemonitor.yaml"));
		assertThat(monitor).containsEntry("kind", "ServiceMonitor");
		Map<String, Object> config = StackFiles.readMap(StackFiles.resolve("prometheus/prometheus.yml"));
		List<Object> metricsPaths = list(config.get("scrape_configs")).stream()
			.map(job -> map(job).get("metrics_path"))
			.filter(path -> path != null)
			.toList();
		Map<String, Object> endpoint = map(list(map(monitor.get("spec")).get("endpoints")).get(0));
		assertThat(metricsPaths).containsExactly(endpoint.get("path"));
		assertThat(map(map(monitor.get("spec")).get("selector")).get("matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", "orders-service"));
	}

	private static List<Object> ruleGroups() {
		List<Object> groups = new ArrayList<>();
		for (Path file : StackFiles.list("prometheus/rules", "*.yml")) {
			groups.addAll(list(StackFiles.readMap(file).get("groups")));
		}
		assertThat(groups).as("rule groups in prometheus/rules").isNotEmpty();
		return groups;
	}

	/** The rule files' group lists, verbatim (comments included), under one PrometheusRule. */
	private static String render() throws IOException {
		StringBuilder yaml = new StringBuilder();
		yaml.append("# GENERATED from prometheus/rules/*.yml by KubernetesManifestsTest (-Dk8s.regenerate=true); do not edit.\n");
		yaml.append("# The same recording and alerting rules as the compose stack, for the Prometheus Operator.\n");
		yaml.append("apiVersion: monitoring.coreos.com/v1\n");
		yaml.append("kind: PrometheusRule\n");
		yaml.append("metadata:\n");
		yaml.append("  name: observability-rules\n");
		yaml.append("  labels:\n");
		yaml.append("    app.kubernetes.io/part-of: observability\n");
		yaml.append("spec:\n");
		yaml.append("  groups:\n");
		for (Path file : StackFiles.list("prometheus/rules", "*.yml")) {
			yaml.append("    # prometheus/rules/").append(file.getFileName()).append('\n');
			boolean inGroups = false;
			for (String line : Files.readAllLines(file)) {
				if (!inGroups) {
					inGroups = line.startsWith("groups:");
					continue;
				}
				yaml.append(line.isEmpty() ? "" : "  " + line).append('\n');
			}
		}
		return yaml.toString();
	}

}
