package dev.observability.autoconfigure.messaging;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.slo.SloAutoConfiguration;
import dev.observability.autoconfigure.slo.SloMessageOutcomes;
import dev.observability.autoconfigure.slo.SloObjectives;
import dev.observability.autoconfigure.tracing.TracingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Golden signals and SLOs of Kafka producers and listeners, on top of Spring Kafka's template and listener
 * observations (switched on by {@link MessagingDefaultsEnvironmentPostProcessor}): end-to-end latency, retries,
 * dead letters, consumer lag per group and topic, request id carried from producer to consumer, and the
 * message objectives fed from the listener observation.
 */
@AutoConfiguration(after = SloAutoConfiguration.class, afterName = {
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnEnabledObservability
@ConditionalOnClass({ KafkaTemplate.class, KafkaRecordReceiverContext.class, ObservationHandler.class,
		MeterRegistry.class })
@EnableConfigurationProperties(MessagingProperties.class)
public final class MessagingObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ListenerIds observabilityListenerIds(ObjectProvider<ListenerContainerRegistry> registry) {
		return new ListenerIds(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	SloMessageOutcomes sloMessageOutcomes(ObjectProvider<SloObjectives> objectives) {
		return new SloMessageOutcomes(objectives.getIfAvailable(SloObjectives::empty));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MeterRegistry.class)
	static class ObservationHandlersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MessagingListenerObservationHandler messagingListenerObservationHandler(MeterRegistry registry,
				SloMessageOutcomes outcomes, ListenerIds listenerIds, MessagingProperties properties,
				ObjectProvider<TracingProperties> tracing) {
			return new MessagingListenerObservationHandler(registry, outcomes, listenerIds,
					requestIdHeader(properties, tracing));
		}

		@Bean
		@ConditionalOnMissingBean
		MessagingTemplateObservationHandler messagingTemplateObservationHandler(MeterRegistry registry,
				ListenerIds listenerIds, MessagingProperties properties, ObjectProvider<TracingProperties> tracing) {
			return new MessagingTemplateObservationHandler(registry, listenerIds, requestIdHeader(properties, tracing));
		}

		private static String requestIdHeader(MessagingProperties properties, ObjectProvider<TracingProperties> tracing) {
			TracingProperties.RequestId requestId = tracing.getIfAvailable(TracingProperties::new).getRequestId();
			return (properties.isRequestIdHeader() && requestId.isEnabled()) ? requestId.getHeader() : null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ObservationRegistry.class)
	static class RecoveryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SloRecoveryListener sloRecoveryListener(SloMessageOutcomes outcomes, ListenerIds listenerIds,
				ObservationRegistry observationRegistry) {
			return new SloRecoveryListener(outcomes, listenerIds, observationRegistry);
		}

		@Bean
		@ConditionalOnMissingBean
		SloRecoveryListenerRegistrar sloRecoveryListenerRegistrar(ObjectProvider<ListenerContainerRegistry> registry,
				SloRecoveryListener listener) {
			return new SloRecoveryListenerRegistrar(registry, listener);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(KafkaAdmin.class)
	@ConditionalOnBooleanProperty(name = "observability.messaging.lag.enabled", matchIfMissing = true)
	static class ConsumerLagConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConsumerLagMonitor consumerLagMonitor(KafkaAdmin kafkaAdmin, ObjectProvider<ListenerContainerRegistry> registry,
				MessagingProperties properties) {
			return new ConsumerLagMonitor(() -> Admin.create(kafkaAdmin.getConfigurationProperties()), registry,
					properties.getLag().getInterval());
		}

	}

}
