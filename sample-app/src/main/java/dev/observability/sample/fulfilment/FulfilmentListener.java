package dev.observability.sample.fulfilment;

import java.util.concurrent.ThreadLocalRandom;

import dev.observability.sample.faults.FaultProperties;
import dev.observability.sample.orders.OrderPlacedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Fulfils paid orders from their {@code order-placed} events. A share of attempts fails
 * ({@code sample.faults.fulfilment-error-rate}); the error handler of {@link FulfilmentConfiguration} retries
 * them and dead-letters an event whose every attempt failed.
 */
@Component
public class FulfilmentListener {

	/** Listener id: the listener tag of the messaging meters and the SLO selector. */
	public static final String ID = "fulfilment";

	private static final Logger logger = LoggerFactory.getLogger(FulfilmentListener.class);

	private final FaultProperties faults;

	FulfilmentListener(FaultProperties faults) {
		this.faults = faults;
	}

	@KafkaListener(id = ID, topics = OrderPlacedPublisher.TOPIC, groupId = "fulfilment")
	void fulfil(String orderId) {
		if (ThreadLocalRandom.current().nextDouble() < this.faults.getFulfilmentErrorRate()) {
			throw new FulfilmentFailedException(orderId);
		}
		logger.info("Fulfilling order {}", orderId);
	}

	/** An injected fulfilment failure. */
	static class FulfilmentFailedException extends RuntimeException {

		FulfilmentFailedException(String orderId) {
			super("Injected fulfilment failure for order " + orderId);
		}

	}

}
