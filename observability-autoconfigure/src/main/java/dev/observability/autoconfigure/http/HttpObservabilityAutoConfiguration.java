package dev.observability.autoconfigure.http;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.ObservabilityProperties;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Golden signals on top of Spring Boot's {@code http.server.requests}: no observation at all for excluded paths
 * (actuator by default). Percentile histograms and the exact SLO and Apdex buckets are Boot's
 * {@code management.metrics.distribution.*} properties, contributed as defaults by the starter's
 * environment post-processor.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@EnableConfigurationProperties(ObservabilityProperties.class)
public final class HttpObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ ServerRequestObservationContext.class, ObservationPredicate.class })
	static class ExcludedPathsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExcludedPaths observabilityExcludedPaths(ObservabilityProperties properties) {
			return new ExcludedPaths(properties.getHttp().getExcludePaths());
		}

		@Bean
		@ConditionalOnMissingBean
		ExcludedPathsObservationPredicate excludedPathsObservationPredicate(ExcludedPaths excludedPaths) {
			return new ExcludedPathsObservationPredicate(excludedPaths);
		}

	}

}
