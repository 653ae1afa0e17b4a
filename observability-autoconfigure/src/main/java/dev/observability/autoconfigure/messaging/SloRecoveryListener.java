package dev.observability.autoconfigure.messaging;

import dev.observability.autoconfigure.slo.SloMessageOutcomes;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RetryListener;

/**
 * Told by Spring Kafka's error handler when it gives up on a record (after its retries, or at once for an
 * exception that is not retried) and recovers it, to a dead-letter topic or by logging it: the record's outcome
 * is final and bad for the message objectives. The listener observation is still in scope while the error
 * handler runs, so the listener id is known.
 */
public class SloRecoveryListener implements RetryListener {

	private final SloMessageOutcomes outcomes;

	private final ListenerIds listenerIds;

	private final ObservationRegistry observationRegistry;

	public SloRecoveryListener(SloMessageOutcomes outcomes, ListenerIds listenerIds,
			ObservationRegistry observationRegistry) {
		this.outcomes = outcomes;
		this.listenerIds = listenerIds;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
		String listener = this.listenerIds.enclosing(this.observationRegistry.getCurrentObservation());
		this.outcomes.gaveUp(listener, record.topic());
	}

}
