package dev.observability.sample.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.observability.sample.support.LocalTools;
import org.junit.jupiter.api.Test;

import static dev.observability.sample.dashboards.StackFiles.list;
import static dev.observability.sample.dashboards.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code prometheus/alertmanager.yml} with the real {@code amtool} (installed by .ci/run; see
 * {@link LocalTools} for a machine without it): the
 * configuration is valid, critical alerts page, warnings open tickets, and no secret is written inline.
 */
class AlertmanagerConfigTest {

	private static final Path CONFIG = StackFiles.resolve("prometheus/alertmanager.yml");

	/** Receiver keys that carry a credential; each has a *_file twin that must be used instead. */
	private static final List<String> INLINE_SECRET_KEYS = List.of("api_url", "routing_key", "service_key", "api_key",
			"auth_password", "auth_secret", "password", "bot_token", "token", "credentials", "client_secret",
			"webhook_url", "slack_api_url", "opsgenie_api_key", "victorops_api_key", "pagerduty_url", "wechat_api_secret",
			"telegram_api_url");

	@Test
	void amtoolAcceptsTheConfiguration() throws Exception {
		Result result = amtool("check-config", CONFIG.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS", "2 inhibit rules", "2 receivers");
	}

	@Test
	void criticalAlertsPageAndWarningsOpenTickets() throws Exception {
		assertThat(route("severity=critical", "application=orders-service", "alertname=ServiceHighErrorRatio")).isEqualTo("paging");
		assertThat(route("severity=critical", "application=orders-service", "slo=checkout-availability")).isEqualTo("paging");
		assertThat(route("severity=warning", "application=orders-service", "alertname=ServiceHighErrorRatio")).isEqualTo("ticket");
	}

	@Test
	void groupsByApplicationAndAlertAndInhibitsWarningsOfTheSameFamilyOrObjective() {
		Map<String, Object> config = StackFiles.readMap(CONFIG);
		assertThat(list(map(config.get("route")).get("group_by"))).containsExactly("application", "alertname");
		List<Object> inhibitRules = list(config.get("inhibit_rules"));
		assertThat(inhibitRules).extracting(rule -> map(rule).get("equal"))
			.containsExactly(List.of("application", "alertname"), List.of("application", "slo"));
		assertThat(inhibitRules).allSatisfy(rule -> {
			assertThat(list(map(rule).get("source_matchers"))).contains("severity=\"critical\"");
			assertThat(list(map(rule).get("target_matchers"))).contains("severity=\"warning\"");
		});
		// the objective rule only applies to SLO alerts: an absent label would otherwise compare equal
		assertThat(list(map(inhibitRules.get(1)).get("source_matchers"))).contains("slo=~\".+\"");
		assertThat(list(map(inhibitRules.get(1)).get("target_matchers"))).contains("slo=~\".+\"");
	}

	@Test
	void secretsAreReadFromFilesThatExistNeverInline() {
		List<String> inline = new ArrayList<>();
		List<String> files = new ArrayList<>();
		collect(StackFiles.readMap(CONFIG), "", inline, files);
		assertThat(inline).isEmpty();
		assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(CONFIG.resolveSibling(file)).isRegularFile());
	}

	private static void collect(Object node, String path, List<String> inline, List<String> files) {
		if (node instanceof Map<?, ?> mapping) {
			mapping.forEach((key, value) -> {
				String name = String.valueOf(key);
				if (INLINE_SECRET_KEYS.contains(name)) {
					inline.add(path + name);
				}
				if (name.endsWith("_file") && value instanceof String file) {
					files.add(file);
				}
				collect(value, path + name + ".", inline, files);
			});
		}
		else if (node instanceof List<?> items) {
			items.forEach(item -> collect(item, path, inline, files));
		}
	}

	private static String route(String... labels) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + CONFIG));
		arguments.addAll(List.of(labels));
		Result result = amtool(arguments.toArray(String[]::new));
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result.output().lines().filter(line -> !line.startsWith("Warning")).findFirst().orElse("").trim();
	}

	private static Result amtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(LocalTools.require("amtool").toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("amtool finished").isTrue();
		return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {
	}

}
