package dev.observability.sample.fulfilment;

import java.time.Duration;

import dev.observability.sample.orders.OrderPlacedPublisher;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Topics of the fulfilment flow and its error handling: a failed event is retried twice, 100ms apart, then
 * published to {@code order-placed-dlt}. Boot wires the error handler into the listener containers; the starter
 * counts the retries, the dead letters and the message SLOs from it.
 */
@Configuration(proxyBeanMethods = false)
class FulfilmentConfiguration {

	/** Dead-letter topic of the order-placed events ({@code DeadLetterPublishingRecoverer}'s default name). */
	static final String DEAD_LETTER_TOPIC = OrderPlacedPublisher.TOPIC + "-dlt";

	@Bean
	NewTopic orderPlacedTopic() {
		return TopicBuilder.name(OrderPlacedPublisher.TOPIC).partitions(2).replicas(1).build();
	}

	@Bean
	NewTopic orderPlacedDeadLetterTopic() {
		return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(2).replicas(1).build();
	}

	/**
	 * Spring Boot also binds each Kafka client's own metrics (hundreds of {@code kafka_*} series per producer,
	 * consumer and admin client); nothing in this sample reads them, the messaging meters cover its dashboards and
	 * alerts, so they are kept out of the scrape.
	 */
	@Bean
	MeterFilter withoutKafkaClientMetrics() {
		return MeterFilter.denyNameStartsWith("kafka.");
	}

	@Bean
	DefaultErrorHandler fulfilmentErrorHandler(KafkaTemplate<Object, Object> template) {
		return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template),
				new FixedBackOff(Duration.ofMillis(100).toMillis(), 2));
	}

}
