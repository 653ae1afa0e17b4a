package dev.observability.autoconfigure.messaging;

/**
 * Names and tag keys of the messaging meters the starter adds to Spring Kafka's own {@code spring.kafka.listener}
 * and {@code spring.kafka.template} timers; {@code prometheus/rules/messaging.yml} and the Messaging dashboard
 * read them.
 */
public final class MessagingMeters {

	/** Timer from the record's timestamp to the end of its successful processing, tags {@code listener}, {@code topic}. */
	public static final String END_TO_END_LATENCY = "messaging.end.to.end.latency";

	/** Counter of re-deliveries of a record whose previous attempt failed, tags {@code listener}, {@code topic}. */
	public static final String RETRIES = "messaging.retries";

	/** Counter of records published to a dead-letter topic, tags {@code listener}, {@code topic} (the original topic). */
	public static final String DEAD_LETTERS = "messaging.dead.letters";

	/** Gauge of the records a consumer group has not yet committed on a topic, tags {@code group}, {@code topic}. */
	public static final String CONSUMER_LAG = "messaging.consumer.lag";

	/** Spring Kafka's listener timer (one sample per delivery attempt). */
	public static final String LISTENER = "spring.kafka.listener";

	/** Tag key holding the listener id (the id of {@code @KafkaListener}, without a concurrency suffix). */
	public static final String TAG_LISTENER = "listener";

	/** Tag key holding the topic. */
	public static final String TAG_TOPIC = "topic";

	/** Tag key holding the consumer group. */
	public static final String TAG_GROUP = "group";

	/** Listener tag value when the listener is not known (a dead letter published outside a listener). */
	public static final String UNKNOWN = "none";

	private MessagingMeters() {
	}

}
