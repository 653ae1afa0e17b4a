package dev.observability.autoconfigure.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.ObservabilityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Golden signals on top of Spring Boot's {@code http.server.requests}: exact SLO and Apdex buckets, and no
 * observation at all for excluded paths (actuator by default). Percentile histograms are switched on by
 * the starter's property defaults.
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class ServerRequestBucketsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ServerRequestBucketsMeterFilter serverRequestBucketsMeterFilter(ObservabilityProperties properties,
				ObjectProvider<ServerRequestBucketsContributor> contributors) {
			ObservabilityProperties.Http http = properties.getHttp();
			List<Duration> boundaries = new ArrayList<>(http.getSloBuckets());
			boundaries.add(http.getApdexThreshold());
			boundaries.add(http.getApdexThreshold().multipliedBy(4));
			contributors.orderedStream().forEach((contributor) -> boundaries.addAll(contributor.serverRequestBuckets()));
			return new ServerRequestBucketsMeterFilter(boundaries);
		}

	}

}
