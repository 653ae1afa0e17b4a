package dev.observability.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotations;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalOnEnabledObservabilityTests {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(SwitchedConfiguration.class);

	@Test
	void matchesWhenThePropertyIsMissing() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("switched"));
	}

	@Test
	void matchesWhenThePropertyIsTrue() {
		this.contextRunner.withPropertyValues("observability.enabled=true")
			.run((context) -> assertThat(context).hasBean("switched"));
	}

	@Test
	void doesNotMatchWhenThePropertyIsFalse() {
		this.contextRunner.withPropertyValues("observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("switched"));
	}

	@Test
	void everyAutoConfigurationButTheKillSwitchFallbackCarriesTheSwitch() throws Exception {
		List<String> names = autoConfigurations();
		assertThat(names).hasSizeGreaterThan(1).contains(ObservabilityDisabledAutoConfiguration.class.getName());
		for (String name : names) {
			boolean switched = MergedAnnotations.from(Class.forName(name))
				.isPresent(ConditionalOnEnabledObservability.class);
			assertThat(switched).as(name)
				.isEqualTo(!name.equals(ObservabilityDisabledAutoConfiguration.class.getName()));
		}
	}

	private static List<String> autoConfigurations() throws IOException {
		try (InputStream in = ConditionalOnEnabledObservabilityTests.class.getClassLoader()
			.getResourceAsStream(IMPORTS)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class SwitchedConfiguration {

		@Bean
		@ConditionalOnEnabledObservability
		String switched() {
			return "on";
		}

	}

}
