package dev.observability.autoconfigure.logging;

import java.time.Duration;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The starter's Logback components read their settings from the Spring {@link Environment} that Spring Boot's
 * {@code LogbackLoggingSystem} puts into the Logback context (as Boot's {@code StructuredLogEncoder} does), not
 * from a static global.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingSettingsTests {

	@Test
	void readsPropertiesAndIdentityFromTheEnvironmentInTheLogbackContext() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "orders")
			.withProperty("spring.application.version", "2.0.1")
			.withProperty("observability.logging.async.queue-size", "64")
			.withProperty("observability.logging.mask.enabled", "false");
		environment.setActiveProfiles("staging");
		LoggingSettings settings = LoggingSettings.of(contextWith(environment));
		assertThat(settings.identity()).isEqualTo(new ServiceIdentity("orders", "2.0.1", "staging"));
		assertThat(settings.properties().getAsync().getQueueSize()).isEqualTo(64);
		assertThat(settings.sensitiveData()).isNull();
		assertThat(LoggingSettings.propertiesOf(contextWith(environment)).getAsync().getQueueSize()).isEqualTo(64);
	}

	@Test
	void explicitResourceAttributesWinOverProfiles() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.opentelemetry.resource-attributes[deployment.environment]", "prod-eu")
			.withProperty("spring.application.version", "2.0.1");
		environment.setActiveProfiles("staging");
		assertThat(LoggingSettings.of(contextWith(environment)).identity().environment()).isEqualTo("prod-eu");
	}

	@Test
	void twoContextsKeepTheirOwnSettings() {
		LoggingSettings first = LoggingSettings.of(contextWith(new MockEnvironment().withProperty("spring.application.name", "a")));
		LoggingSettings second = LoggingSettings.of(contextWith(new MockEnvironment().withProperty("spring.application.name", "b")));
		assertThat(first.identity().name()).isEqualTo("a");
		assertThat(second.identity().name()).isEqualTo("b");
	}

	@Test
	void aPlainLogbackSetUpWithoutSpringGetsTheDefaults() {
		LoggingSettings settings = LoggingSettings.of(new LoggerContext());
		LoggingProperties defaults = new LoggingProperties();
		assertThat(settings.identity()).isEqualTo(new ServiceIdentity(null, null, null));
		assertThat(settings.properties().getAsync().getQueueSize()).isEqualTo(defaults.getAsync().getQueueSize());
		assertThat(settings.properties().getAsync().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.sensitiveData()).isNotNull();
		assertThat(LoggingSettings.of(null).identity().name()).isNull();
	}

	@Test
	void aBadValueIsReportedWithItsKey() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.logging.async.queue-size", "0");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> LoggingSettings.of(contextWith(environment)))
			.withMessageContaining("observability.logging.async.queue-size");
	}

	@Test
	void bootsLogbackLoggingSystemHandsTheEnvironmentToTheJsonAppender(CapturedOutput output) throws Exception {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "from-boot")
			.withProperty("observability.logging.async.queue-size", "32");
		LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
		system.beforeInitialize();
		try {
			system.initialize(new LoggingInitializationContext(environment),
					ObservabilityLoggingEnvironmentPostProcessor.JSON_CONFIG, null);
			LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
			DroppingAsyncAppender appender = (DroppingAsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
				.getAppender("OBSERVABILITY_JSON");
			assertThat(appender.getQueueSize()).isEqualTo(32);
			context.getLogger("test").info("settings from the logback context");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(output.getOut().lines()
					.filter((line) -> line.contains("settings from the logback context")))
					.singleElement(InstanceOfAssertFactories.STRING)
					.contains("\"service.name\":\"from-boot\""));
		}
		finally {
			system.cleanUp();
			// back to Logback's own default (console) for the tests that follow in this JVM
			LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
			context.reset();
			new ContextInitializer(context).autoConfig();
		}
	}

	private static LoggerContext contextWith(Environment environment) {
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), environment);
		return context;
	}

}
