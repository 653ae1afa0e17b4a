package dev.observability.sample.orders;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes an {@code order-placed} event (key: customer id, value: order id) for every paid order. The send is
 * asynchronous: the checkout does not wait for the broker. The starter's Kafka defaults make the record carry the
 * trace context and the request id of the HTTP request that placed the order.
 */
@Component
public class OrderPlacedPublisher {

	/** Topic of the order-placed events. */
	public static final String TOPIC = "order-placed";

	private final KafkaTemplate<String, String> template;

	OrderPlacedPublisher(KafkaTemplate<String, String> template) {
		this.template = template;
	}

	void placed(Order order) {
		this.template.send(TOPIC, order.getCustomerId(), String.valueOf(order.getId()));
	}

}
