package dev.observability.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;

import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import dev.observability.autoconfigure.tracing.SafeIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

/**
 * Reads Spring Kafka's template observation (one per send): a record sent while a request id is in the MDC
 * carries it in a header (unless the application set that header), so the consumer's log lines show it; a
 * record that {@code DeadLetterPublishingRecoverer} publishes (it carries the
 * {@code kafka_dlt-original-topic} header) is counted as a dead letter of its original topic and listener
 * once the broker has acknowledged it.
 */
public class MessagingTemplateObservationHandler implements ObservationHandler<KafkaRecordSenderContext> {

	private final MeterRegistry registry;

	private final ListenerIds listenerIds;

	private final String requestIdHeader;

	/**
	 * @param requestIdHeader record header that carries the request id, null to send none
	 */
	public MessagingTemplateObservationHandler(MeterRegistry registry, ListenerIds listenerIds,
			String requestIdHeader) {
		this.registry = registry;
		this.listenerIds = listenerIds;
		this.requestIdHeader = requestIdHeader;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof KafkaRecordSenderContext;
	}

	@Override
	public void onStart(KafkaRecordSenderContext context) {
		if (this.requestIdHeader == null) {
			return;
		}
		String requestId = MDC.get(RequestIdThreadLocalAccessor.KEY);
		ProducerRecord<?, ?> record = context.getCarrier();
		if (record == null || !SafeIds.isValidRequestId(requestId)) {
			return;
		}
		Headers headers = record.headers();
		if (headers.lastHeader(this.requestIdHeader) != null) {
			return;
		}
		try {
			headers.add(this.requestIdHeader, requestId.getBytes(StandardCharsets.UTF_8));
		}
		catch (IllegalStateException ex) {
			// a record sent before has read-only headers: it keeps them
		}
	}

	@Override
	public void onStop(KafkaRecordSenderContext context) {
		ProducerRecord<?, ?> record = context.getCarrier();
		if (context.getError() != null || record == null) {
			return;
		}
		Header originalTopic = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
		if (originalTopic == null || originalTopic.value() == null) {
			return;
		}
		String listener = this.listenerIds.enclosing(context.getParentObservation());
		Counter.builder(MessagingMeters.DEAD_LETTERS)
			.description("Records published to a dead-letter topic, by original topic")
			.tags(MessagingMeters.TAG_LISTENER, (listener != null) ? listener : MessagingMeters.UNKNOWN,
					MessagingMeters.TAG_TOPIC, new String(originalTopic.value(), StandardCharsets.UTF_8))
			.register(this.registry)
			.increment();
	}

}
