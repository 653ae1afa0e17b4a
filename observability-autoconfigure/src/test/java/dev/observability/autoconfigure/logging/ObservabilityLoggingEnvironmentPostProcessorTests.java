package dev.observability.autoconfigure.logging;

import dev.observability.autoconfigure.StartupFailureReport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class ObservabilityLoggingEnvironmentPostProcessorTests {

	private final ObservabilityLoggingEnvironmentPostProcessor postProcessor = new ObservabilityLoggingEnvironmentPostProcessor();

	@Test
	void pointsLoggingAtTheJsonConfigurationByDefault() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "svc");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.config")).isEqualTo(ObservabilityLoggingEnvironmentPostProcessor.JSON_CONFIG);
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
	}

	@Test
	void leavesBootsTextFormatAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.logging.format", "text");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.config")).isNull();
	}

	@Test
	void neverOverridesAUsersLoggingConfigOrStructuredLogging() {
		MockEnvironment own = new MockEnvironment().withProperty("logging.config", "classpath:mine.xml");
		this.postProcessor.postProcessEnvironment(own, new SpringApplication());
		assertThat(own.getProperty("logging.config")).isEqualTo("classpath:mine.xml");
		MockEnvironment structured = new MockEnvironment().withProperty("logging.structured.format.console", "ecs");
		this.postProcessor.postProcessEnvironment(structured, new SpringApplication());
		assertThat(structured.getProperty("logging.config")).isNull();
	}

	@Test
	void doesNothingWhenObservabilityIsDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.config")).isNull();
	}

	@Test
	void anUnknownFormatFailsStartUpListingTheValidValues() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.logging.format", "xml");
		assertThatException().isThrownBy(() -> this.postProcessor.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((failure) -> assertThat(StartupFailureReport.of(failure)).contains("observability.logging.format")
				.contains("xml")
				.contains("JSON")
				.contains("TEXT"));
	}

}
