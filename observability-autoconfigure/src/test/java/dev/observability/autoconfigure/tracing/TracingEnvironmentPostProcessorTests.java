package dev.observability.autoconfigure.tracing;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingEnvironmentPostProcessorTests {

	private final TracingEnvironmentPostProcessor postProcessor = new TracingEnvironmentPostProcessor();

	@Test
	void propagatesContextToTaskExecutionByDefault() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context", Boolean.class)).isTrue();
	}

	@Test
	void userSettingsWin() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.task.execution.propagate-context", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context", Boolean.class)).isFalse();
	}

	@Test
	void addsServiceVersionAndEnvironmentToTheOpenTelemetryResourceWhenKnown() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.version", "2.0.1");
		environment.setActiveProfiles("staging");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[service.version]")).isEqualTo("2.0.1");
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[deployment.environment]"))
			.isEqualTo("staging");
	}

	@Test
	void addsNoUnknownResourceAttributes() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[deployment.environment]")).isNull();
	}

	@Test
	void contributesNothingWhenObservabilityIsDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context")).isNull();
	}

}
