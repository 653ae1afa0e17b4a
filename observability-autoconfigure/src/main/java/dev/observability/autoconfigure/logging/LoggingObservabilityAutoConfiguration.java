package dev.observability.autoconfigure.logging;

import ch.qos.logback.classic.LoggerContext;
import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.http.ExcludedPaths;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Structured logging beans: the validated {@code observability.logging} properties, the dropped-events
 * counter and the opt-in access log. The JSON output itself is wired into Logback before the context starts
 * by {@link ObservabilityLoggingEnvironmentPostProcessor}.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@EnableConfigurationProperties(LoggingProperties.class)
public final class LoggingObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LoggerContext.class, MeterBinder.class })
	static class DroppedEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LogEventsDroppedMeterBinder logEventsDroppedMeterBinder() {
			return new LogEventsDroppedMeterBinder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(ServerHttpObservationFilter.class)
	@ConditionalOnBooleanProperty("observability.logging.access-log.enabled")
	static class AccessLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccessLogFilter accessLogFilter(ObjectProvider<ExcludedPaths> excludedPaths) {
			return new AccessLogFilter(excludedPaths.getIfAvailable());
		}

	}

}
