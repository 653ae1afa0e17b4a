package dev.observability.autoconfigure.slo;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.ObservationHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Service level objectives declared under {@code observability.slo.objectives}: their meters and
 * {@link dev.observability.slo.SloRecorder}, the feed from {@code http.server.requests}, the {@code slo}
 * endpoint and the {@code slo} health contributor. The latency thresholds become histogram buckets through the
 * starter's property defaults.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@ConditionalOnClass(Clock.class)
@EnableConfigurationProperties(SloProperties.class)
public final class SloAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SloObjectives sloObjectives(SloProperties properties, ObjectProvider<Clock> clock) {
		return new SloObjectives(properties, clock.getIfAvailable(() -> Clock.SYSTEM));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ ServerRequestObservationContext.class, ObservationHandler.class })
	static class ServerRequestsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SloServerRequestObservationHandler sloServerRequestObservationHandler(SloObjectives objectives) {
			return new SloServerRequestObservationHandler(objectives);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(SloEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SloEndpoint sloEndpoint(SloObjectives objectives) {
			return new SloEndpoint(objectives);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, HealthEndpointGroupsPostProcessor.class })
	@ConditionalOnEnabledHealthIndicator("slo")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SloHealthIndicator sloHealthIndicator(SloObjectives objectives) {
			return new SloHealthIndicator(objectives);
		}

		@Bean
		@ConditionalOnMissingBean
		SloProbeGroupsPostProcessor sloProbeGroupsPostProcessor() {
			return new SloProbeGroupsPostProcessor();
		}

	}

}
