package dev.observability.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.observability.autoconfigure.slo.SloMessageOutcomes;
import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import dev.observability.autoconfigure.tracing.SafeIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.MDC;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Reads Spring Kafka's listener observation (one per delivery attempt) as Spring's server request observation
 * is read for HTTP: while the listener runs, the producer's request id (a record header, checked like the HTTP
 * one) is the MDC's {@code request_id}; when an attempt succeeds it records the end-to-end latency (record
 * timestamp to now) and feeds the message objectives; a delivery of the record whose previous attempt failed on
 * this consumer thread is counted as a retry.
 */
public class MessagingListenerObservationHandler implements ObservationHandler<KafkaRecordReceiverContext> {

	private static final String START_KEY = MessagingListenerObservationHandler.class.getName() + ".start";

	private static final String PREVIOUS_REQUEST_ID_KEY = MessagingListenerObservationHandler.class.getName()
			+ ".previousRequestId";

	/** Last failed record per consumer thread: a delivery of the same record is a retry. */
	private static final ThreadLocal<FailedRecord> LAST_FAILED = new ThreadLocal<>();

	private final MeterRegistry registry;

	private final SloMessageOutcomes outcomes;

	private final ListenerIds listenerIds;

	private final String requestIdHeader;

	private final Map<String, Map<String, Timer>> endToEnd = new ConcurrentHashMap<>();

	/**
	 * @param requestIdHeader record header carrying the producer's request id, null to ignore it
	 */
	public MessagingListenerObservationHandler(MeterRegistry registry, SloMessageOutcomes outcomes,
			ListenerIds listenerIds, String requestIdHeader) {
		this.registry = registry;
		this.outcomes = outcomes;
		this.listenerIds = listenerIds;
		this.requestIdHeader = requestIdHeader;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof KafkaRecordReceiverContext;
	}

	@Override
	public void onStart(KafkaRecordReceiverContext context) {
		context.put(START_KEY, System.nanoTime());
		ConsumerRecord<?, ?> record = context.getRecord();
		FailedRecord failed = LAST_FAILED.get();
		if (failed != null && failed.is(record)) {
			Counter.builder(MessagingMeters.RETRIES)
				.description("Deliveries of a record whose previous attempt failed")
				.tags(MessagingMeters.TAG_LISTENER, listener(context), MessagingMeters.TAG_TOPIC, record.topic())
				.register(this.registry)
				.increment();
		}
	}

	@Override
	public void onScopeOpened(KafkaRecordReceiverContext context) {
		String requestId = requestId(context.getRecord());
		if (requestId != null) {
			String previous = MDC.get(RequestIdThreadLocalAccessor.KEY);
			context.put(PREVIOUS_REQUEST_ID_KEY, (previous != null) ? previous : "");
			MDC.put(RequestIdThreadLocalAccessor.KEY, requestId);
		}
	}

	@Override
	public void onScopeClosed(KafkaRecordReceiverContext context) {
		String previous = (String) context.remove(PREVIOUS_REQUEST_ID_KEY);
		if (previous == null) {
			return;
		}
		if (previous.isEmpty()) {
			MDC.remove(RequestIdThreadLocalAccessor.KEY);
		}
		else {
			MDC.put(RequestIdThreadLocalAccessor.KEY, previous);
		}
	}

	@Override
	public void onStop(KafkaRecordReceiverContext context) {
		Long start = context.get(START_KEY);
		ConsumerRecord<?, ?> record = context.getRecord();
		if (context.getError() != null) {
			LAST_FAILED.set(new FailedRecord(record.topic(), record.partition(), record.offset()));
			return;
		}
		LAST_FAILED.remove();
		if (start == null) {
			return;
		}
		long processingNanos = System.nanoTime() - start;
		String listener = listener(context);
		long endToEndNanos = -1;
		if (record.timestamp() >= 0 && record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
			endToEndNanos = Math.max(0, TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - record.timestamp()));
			endToEndTimer(listener, record.topic()).record(endToEndNanos, TimeUnit.NANOSECONDS);
		}
		this.outcomes.processed(listener, record.topic(), processingNanos,
				(endToEndNanos >= 0) ? endToEndNanos : processingNanos);
	}

	private String listener(KafkaRecordReceiverContext context) {
		String listener = this.listenerIds.declared(context.getListenerId());
		return (listener != null) ? listener : MessagingMeters.UNKNOWN;
	}

	private String requestId(ConsumerRecord<?, ?> record) {
		if (this.requestIdHeader == null) {
			return null;
		}
		Header header = record.headers().lastHeader(this.requestIdHeader);
		if (header == null || header.value() == null || header.value().length > SafeIds.MAX_LENGTH) {
			return null;
		}
		String value = new String(header.value(), StandardCharsets.UTF_8);
		return SafeIds.isValidRequestId(value) ? value : null;
	}

	private Timer endToEndTimer(String listener, String topic) {
		Map<String, Timer> byTopic = this.endToEnd.computeIfAbsent(listener, (key) -> new ConcurrentHashMap<>());
		Timer timer = byTopic.get(topic);
		if (timer == null) {
			timer = Timer.builder(MessagingMeters.END_TO_END_LATENCY)
				.description("Time from a record's timestamp to the end of its successful processing")
				.tags(MessagingMeters.TAG_LISTENER, listener, MessagingMeters.TAG_TOPIC, topic)
				.register(this.registry);
			byTopic.putIfAbsent(topic, timer);
		}
		return timer;
	}

	private record FailedRecord(String topic, int partition, long offset) {

		boolean is(ConsumerRecord<?, ?> record) {
			return this.offset == record.offset() && this.partition == record.partition()
					&& this.topic.equals(record.topic());
		}

	}

}
