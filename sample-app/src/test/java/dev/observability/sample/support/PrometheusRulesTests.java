package dev.observability.sample.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped rule file passes {@code promtool check rules} and every promtool unit test file in
 * {@code prometheus/tests/} passes {@code promtool test rules}, with the real (Debian) promtool.
 */
class PrometheusRulesTests {

	@Test
	void repositoryShipsRuleFilesAndTheirUnitTests() {
		assertThat(RepositoryFiles.ruleFiles()).isNotEmpty();
		assertThat(RepositoryFiles.ruleTestFiles()).isNotEmpty();
	}

	@TestFactory
	Stream<DynamicTest> everyRuleFilePassesPromtoolCheckRules() {
		Path promtool = LocalTools.require("promtool");
		return RepositoryFiles.ruleFiles().stream()
			.map((file) -> DynamicTest.dynamicTest("promtool check rules " + file.getFileName(),
					() -> assertPromtool(file.getParent(), promtool.toString(), "check", "rules", file.toString())));
	}

	@TestFactory
	Stream<DynamicTest> everyRuleUnitTestFilePassesPromtoolTestRules() {
		Path promtool = LocalTools.require("promtool");
		return RepositoryFiles.ruleTestFiles().stream()
			.map((file) -> DynamicTest.dynamicTest("promtool test rules " + file.getFileName(),
					() -> assertPromtool(file.getParent(), promtool.toString(), "test", "rules",
							file.getFileName().toString())));
	}

	private static void assertPromtool(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(120, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(finished).as("promtool finished within 120s: %s", output).isTrue();
		assertThat(process.exitValue()).as("%s exited with:%n%s", String.join(" ", command), output).isZero();
		assertThat(output).contains("SUCCESS");
	}

}
