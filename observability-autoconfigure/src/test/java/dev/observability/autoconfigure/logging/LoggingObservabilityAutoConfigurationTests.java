package dev.observability.autoconfigure.logging;

import dev.observability.autoconfigure.InvalidPropertyException;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingObservabilityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoggingObservabilityAutoConfiguration.class));

	@Test
	void countsDroppedEventsAndLeavesTheAccessLogOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LogEventsDroppedMeterBinder.class).doesNotHaveBean(AccessLogFilter.class);
			LoggingProperties properties = context.getBean(LoggingProperties.class);
			assertThat(properties.getFormat()).isEqualTo(LoggingProperties.Format.JSON);
			assertThat(properties.getMask().getFields()).contains("password", "secret", "token", "authorization",
					"cookie", "set-cookie", "api-key");
		});
	}

	@Test
	void addsTheAccessLogWhenEnabled() {
		this.contextRunner.withPropertyValues("observability.logging.access-log.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(AccessLogFilter.class));
	}

	@Test
	void backsOffToUserBeans() {
		this.contextRunner.withPropertyValues("observability.logging.access-log.enabled=true")
			.withUserConfiguration(UserBeans.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(AccessLogFilter.class).hasBean("userAccessLog");
				assertThat(context).hasSingleBean(LogEventsDroppedMeterBinder.class).hasBean("userDrops");
			});
	}

	@Test
	void backsOffWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false", "observability.logging.access-log.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(LogEventsDroppedMeterBinder.class)
				.doesNotHaveBean(AccessLogFilter.class)
				.doesNotHaveBean(LoggingProperties.class));
	}

	@Test
	void skipsTheDropCounterWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LogEventsDroppedMeterBinder.class));
	}

	@Test
	void failsOnAnInvalidCustomPatternNamingKeyAndValue() {
		this.contextRunner.withPropertyValues("observability.logging.mask.custom-patterns.iban=[A-Z").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidPropertyException.class)
				.hasMessageContaining("observability.logging.mask.custom-patterns.iban")
				.hasMessageContaining("[A-Z")
				.hasMessageContaining("regular expression");
		});
	}

	@Test
	void failsOnATinyQueue() {
		this.contextRunner.withPropertyValues("observability.logging.async.queue-size=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("observability.logging.async.queue-size")
				.hasMessageContaining("at least 16");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		AccessLogFilter userAccessLog() {
			return new AccessLogFilter(null);
		}

		@Bean
		LogEventsDroppedMeterBinder userDrops() {
			return new LogEventsDroppedMeterBinder();
		}

	}

}
