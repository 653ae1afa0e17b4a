package dev.observability.autoconfigure.logging;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
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
			assertThat(context).hasSingleBean(LogEventsDroppedMeterBinder.class)
				.doesNotHaveBean(AccessLogListener.class);
			assertThat(context).getBean(LogEventsDroppedMeterBinder.class).isInstanceOf(LogEventsDroppedMeterBinder.class);
			LoggingProperties properties = context.getBean(LoggingProperties.class);
			assertThat(properties.getFormat()).isEqualTo(LoggingProperties.Format.JSON);
			assertThat(properties.getMask().getFields()).contains("password", "passwd", "pwd", "pass", "secret",
					"client-secret", "token", "access-token", "refresh-token", "id-token", "private-key", "api-key", "apikey",
					"x-api-key", "credentials", "session", "sessionid", "authorization", "cookie", "set-cookie");
		});
	}

	@Test
	void addsTheAccessLogWhenEnabled() {
		this.contextRunner.withPropertyValues("observability.logging.access-log.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(AccessLogListener.class);
			assertThat(context).getBean(AccessLogListener.class).isInstanceOf(AccessLogListener.class);
			assertThat(context.getBean(LoggingProperties.class).getAccessLog().isEnabled()).isTrue();
		});
	}

	@Test
	void addsTheAccessLogOnWebFluxToo() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoggingObservabilityAutoConfiguration.class))
			.withPropertyValues("observability.logging.access-log.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(AccessLogListener.class));
	}

	@Test
	void backsOffToUserBeans() {
		this.contextRunner.withPropertyValues("observability.logging.access-log.enabled=true")
			.withUserConfiguration(UserBeans.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(AccessLogListener.class).hasBean("userAccessLog");
				assertThat(context).hasSingleBean(LogEventsDroppedMeterBinder.class).hasBean("userDrops");
			});
	}

	@Test
	void backsOffWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false", "observability.logging.access-log.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(LogEventsDroppedMeterBinder.class)
				.doesNotHaveBean(AccessLogListener.class)
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
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
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
		AccessLogListener userAccessLog() {
			return new AccessLogListener();
		}

		@Bean
		LogEventsDroppedMeterBinder userDrops() {
			return new LogEventsDroppedMeterBinder();
		}

	}

}
