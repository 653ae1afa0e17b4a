package dev.observability.sample.dashboards;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.observability.sample.support.LocalTools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code prometheus/prometheus.yml} with the real {@code promtool}: valid, and its {@code rule_files}
 * glob loads every rule file of {@code prometheus/rules/}.
 */
class PrometheusConfigTest {

	@Test
	void promtoolAcceptsTheConfigurationAndItLoadsEveryRuleFile() throws Exception {
		Path config = StackFiles.resolve("prometheus/prometheus.yml");
		Process process = new ProcessBuilder(LocalTools.require("promtool").toString(), "check", "config", config.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		List<Path> ruleFiles = StackFiles.list("prometheus/rules", "*.yml");
		assertThat(ruleFiles).isNotEmpty();
		assertThat(output).contains(ruleFiles.size() + " rule files found");
		ruleFiles.forEach(file -> assertThat(output).contains("Checking " + config.resolveSibling("rules").resolve(file.getFileName())));
	}

}
