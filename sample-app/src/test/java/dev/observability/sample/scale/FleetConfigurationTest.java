package dev.observability.sample.scale;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.observability.sample.support.LocalTools;
import dev.observability.sample.support.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet configurations of README "Running at scale": {@code prometheus/agent.yml} is a valid agent
 * configuration that forwards by remote write, and {@code prometheus/central.yml} is a valid server configuration
 * that loads every rule file the single-Prometheus configuration loads; both checked by the real {@code promtool}.
 */
class FleetConfigurationTest {

	private final Path prometheus = RepositoryFiles.prometheus();

	@Test
	void agentConfigurationIsValidForAgentModeAndWritesRemotely() throws Exception {
		assertThat(promtool("check", "config", "--agent", "agent.yml")).contains("SUCCESS");
		Map<String, Object> agent = read("agent.yml");
		assertThat(agent).containsKeys("remote_write", "scrape_configs").doesNotContainKeys("rule_files", "alerting");
		assertThat(List.copyOf((List<?>) agent.get("remote_write"))).singleElement()
			.satisfies((target) -> assertThat(String.valueOf(((Map<?, ?>) target).get("url"))).endsWith("/api/v1/write"));
	}

	@Test
	void centralConfigurationIsValidAndLoadsTheSameRulesAsTheSingleServer() throws Exception {
		String output = promtool("check", "config", "central.yml");
		assertThat(output).contains("SUCCESS", RepositoryFiles.ruleFiles().size() + " rule files found");
		assertThat(read("central.yml").get("rule_files")).isEqualTo(read("prometheus.yml").get("rule_files"));
		assertThat(read("central.yml").get("alerting")).isEqualTo(read("prometheus.yml").get("alerting"));
	}

	private String promtool(String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of(LocalTools.require("promtool").toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(this.prometheus.toFile()).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private Map<String, Object> read(String file) throws Exception {
		return new Yaml().load(Files.readString(this.prometheus.resolve(file)));
	}

}
