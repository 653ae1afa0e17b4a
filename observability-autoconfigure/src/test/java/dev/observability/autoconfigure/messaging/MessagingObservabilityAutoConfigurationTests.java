package dev.observability.autoconfigure.messaging;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import dev.observability.autoconfigure.slo.SloAutoConfiguration;
import dev.observability.autoconfigure.slo.SloMessageOutcomes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingObservabilityAutoConfiguration.class,
				SloAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(ObservationRegistry.class, ObservationRegistry::create);

	@Test
	void providesHandlersRecoveryListenerAndLagMonitorByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MessagingListenerObservationHandler.class)
			.hasSingleBean(MessagingTemplateObservationHandler.class)
			.hasSingleBean(SloRecoveryListenerRegistrar.class)
			.hasSingleBean(ConsumerLagMonitor.class)
			.hasSingleBean(SloMessageOutcomes.class));
	}

	@Test
	void backsOffWhenUserDefinesTheListenerHandler() {
		this.contextRunner.withUserConfiguration(UserHandler.class)
			.run((context) -> assertThat(context).hasSingleBean(MessagingListenerObservationHandler.class)
				.hasBean("userHandler"));
	}

	@Test
	void lagMonitorCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("observability.messaging.lag.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsumerLagMonitor.class)
				.hasSingleBean(MessagingListenerObservationHandler.class));
	}

	@Test
	void nothingWithoutSpringKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MessagingListenerObservationHandler.class)
				.doesNotHaveBean(ConsumerLagMonitor.class));
	}

	@Test
	void nothingWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MessagingListenerObservationHandler.class));
	}

	@Test
	void failsOnANonPositiveLagIntervalNamingKeyAndValue() {
		this.contextRunner.withPropertyValues("observability.messaging.lag.interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("observability.messaging.lag.interval")
				.hasMessageContaining("positive duration");
		});
	}

	@Test
	void defaultsSwitchKafkaObservationsOnAtTheLowestPrecedence() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment,
				"spring.kafka.listener.observation-enabled=false");
		new MessagingDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.metrics.distribution.percentiles-histogram.spring.kafka.listener"))
			.isEqualTo("true");
		assertThat(environment
			.getProperty("management.metrics.distribution.percentiles-histogram.messaging.end.to.end.latency"))
			.isEqualTo("true");
		assertThat(environment
			.getProperty("management.metrics.distribution.maximum-expected-value.messaging.end.to.end.latency"))
			.isEqualTo("10m");
	}

	@Test
	void noDefaultsWhenTheStarterIsDisabled() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "observability.enabled=false");
		new MessagingDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandler {

		@Bean
		MessagingListenerObservationHandler userHandler() {
			return new MessagingListenerObservationHandler(new SimpleMeterRegistry(), null, null, null);
		}

	}

}
