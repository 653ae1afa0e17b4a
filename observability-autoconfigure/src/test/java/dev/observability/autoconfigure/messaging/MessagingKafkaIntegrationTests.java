package dev.observability.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.observability.autoconfigure.slo.SloObjective;
import dev.observability.autoconfigure.slo.SloObjectives;
import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.observability.autoconfigure.LogRecorder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The messaging meters and message objectives against a real (embedded, KRaft) Kafka broker: the listeners
 * below fail on purpose, the starter's default error handling wiring retries and dead-letters them.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.kafka.consumer.auto-offset-reset=earliest", "spring.kafka.listener.concurrency=2",
		"management.tracing.sampling.probability=1.0", "observability.messaging.lag.interval=300ms",
		"observability.slo.objectives.fulfilment-availability.type=message-availability",
		"observability.slo.objectives.fulfilment-availability.target=99",
		"observability.slo.objectives.fulfilment-availability.match.listener=fulfilment",
		"observability.slo.objectives.orders-latency.type=message-latency",
		"observability.slo.objectives.orders-latency.target=99",
		"observability.slo.objectives.orders-latency.threshold=1m",
		"observability.slo.objectives.orders-latency.match.topic=orders",
		"observability.slo.objectives.fulfilment-processing.type=message-processing-latency",
		"observability.slo.objectives.fulfilment-processing.target=99",
		"observability.slo.objectives.fulfilment-processing.threshold=1s",
		"observability.slo.objectives.fulfilment-processing.match.listener=fulfilment",
		"observability.slo.objectives.fulfilment-processing.match.topic=orders",
		"observability.slo.objectives.other-topic.type=message-availability",
		"observability.slo.objectives.other-topic.target=99",
		"observability.slo.objectives.other-topic.match.topic=payments" })
@EmbeddedKafka(partitions = 2, topics = { "orders", "orders-dlt", "lagging", "traced" })
class MessagingKafkaIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<String, String> template;

	@Autowired
	private SloObjectives objectives;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private KafkaListenerEndpointRegistry containers;

	@Autowired
	private Listeners listeners;

	@Autowired
	private ObservationRegistry observationRegistry;

	@Autowired
	private Tracer tracer;

	@Test
	void countsEachMessageOnceByItsFinalOutcomeRetriesAndDeadLetters() {
		// 6 processed at once, 2 fail once and succeed on the retry, 2 always fail: retried twice, then dead-lettered,
		// 1 processed slower than the processing threshold
		List<String> values = List.of("ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "slow-1", "flaky-1", "flaky-2",
				"fail-1", "fail-2");
		values.forEach((value) -> this.template.send("orders", value, value));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.listeners.deadLettered).hasSize(2);
			assertThat(this.objectives.get("fulfilment-availability").goodTotal()).isEqualTo(8);
			assertThat(this.objectives.get("fulfilment-availability").badTotal()).isEqualTo(2);
		});
		SloObjective latency = this.objectives.get("orders-latency");
		assertThat(latency.goodTotal()).isEqualTo(8);
		assertThat(latency.badTotal()).isEqualTo(2);
		SloObjective processing = this.objectives.get("fulfilment-processing");
		assertThat(processing.goodTotal()).isEqualTo(7);
		assertThat(processing.badTotal()).isEqualTo(3);
		assertThat(this.objectives.get("other-topic").goodTotal() + this.objectives.get("other-topic").badTotal())
			.isZero();
		assertThat(counter(MessagingMeters.RETRIES, "fulfilment", "orders")).isEqualTo(2 + 2 * 2);
		assertThat(counter(MessagingMeters.DEAD_LETTERS, "fulfilment", "orders")).isEqualTo(2);
		assertThat(this.registry.get(MessagingMeters.END_TO_END_LATENCY)
			.tags(MessagingMeters.TAG_LISTENER, "fulfilment", MessagingMeters.TAG_TOPIC, "orders")
			.timer()
			.count()).isEqualTo(8);
		assertThat(Search.in(this.registry).name(MessagingMeters.LISTENER).timers()).isNotEmpty();
		// each timer has an exact bucket at the thresholds of the objectives read from it, and not at the others'
		assertThat(bucketsInSeconds(this.registry.get(MessagingMeters.LISTENER).timer())).contains(1.0)
			.doesNotContain(60.0);
		assertThat(bucketsInSeconds(this.registry.get(MessagingMeters.END_TO_END_LATENCY).timer())).contains(60.0)
			.doesNotContain(1.0);
		// and percentile buckets up to its maximum expected value, 10m (a timer's default stops at 30s)
		assertThat(bucketsInSeconds(this.registry.get(MessagingMeters.END_TO_END_LATENCY).timer())).contains(0.001)
			.anySatisfy((bucket) -> assertThat(bucket).isBetween(300.0, 600.0))
			.allSatisfy((bucket) -> assertThat(bucket).isLessThanOrEqualTo(600.0));
	}

	private static List<Double> bucketsInSeconds(Timer timer) {
		return Arrays.stream(timer.takeSnapshot().histogramCounts())
			.map((bucket) -> bucket.bucket(TimeUnit.SECONDS))
			.toList();
	}

	@Test
	void consumerLagRisesWhileTheListenerIsPausedAndFallsAfter() {
		// one key, one partition: lag is counted on partitions where the group has committed an offset
		this.template.send("lagging", "customer-1", "first");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.listeners.lagging).hasValue(1);
			assertThat(lag()).isZero();
		});
		MessageListenerContainer container = this.containers.getListenerContainer("lagging");
		container.pause();
		await().atMost(WAIT).until(() -> this.listeners.laggingPaused.get());
		for (int i = 0; i < 5; i++) {
			this.template.send("lagging", "customer-1", "value-" + i);
		}
		await().atMost(WAIT).until(() -> lag() == 5);
		assertThat(this.listeners.lagging.get()).isEqualTo(1);
		container.resume();
		await().atMost(WAIT).until(() -> lag() == 0 && this.listeners.lagging.get() == 6);
		assertThat(this.registry.get(MessagingMeters.CONSUMER_LAG)
			.tags(MessagingMeters.TAG_GROUP, "lagging-group", MessagingMeters.TAG_TOPIC, "lagging")
			.gauge()
			.value()).isZero();
	}

	@Test
	void continuesTheTraceAndCarriesTheRequestIdIntoTheListenersLogLines() throws Exception {
		try (LogRecorder log = new LogRecorder(Listeners.class)) {
			Observation parent = Observation.start("checkout", this.observationRegistry);
			String traceId;
			try (Observation.Scope scope = parent.openScope()) {
				traceId = this.tracer.currentSpan().context().traceId();
				MDC.put(RequestIdThreadLocalAccessor.KEY, "req-0123456789");
				this.template.send("traced", "good", "good").get();
			}
			finally {
				MDC.remove(RequestIdThreadLocalAccessor.KEY);
				parent.stop();
			}
			ProducerRecord<String, String> forged = new ProducerRecord<>("traced", "forged", "forged");
			forged.headers().add("X-Request-ID", "bad\nid\"}".getBytes(StandardCharsets.UTF_8));
			this.template.send(forged).get();
			await().atMost(WAIT).until(() -> logLine(log, "good") != null && logLine(log, "forged") != null);
			Map<String, String> good = logLine(log, "good").getMDCPropertyMap();
			assertThat(good).containsEntry("traceId", traceId).containsEntry("request_id", "req-0123456789");
			Map<String, String> forgedMdc = logLine(log, "forged").getMDCPropertyMap();
			assertThat(forgedMdc).doesNotContainKey("request_id").containsKey("traceId");
			assertThat(forgedMdc.get("traceId")).isNotEqualTo(traceId);
		}
	}

	private static ILoggingEvent logLine(LogRecorder log, String value) {
		return log.events().stream().filter((event) -> event.getFormattedMessage().equals("traced " + value))
			.findFirst().orElse(null);
	}

	private Long lag() {
		return this.containers.getListenerContainer("lagging") != null
				? this.monitor.lag("lagging-group", "lagging") : null;
	}

	@Autowired
	private ConsumerLagMonitor monitor;

	private double counter(String name, String listener, String topic) {
		return this.registry.get(name).tags(MessagingMeters.TAG_LISTENER, listener, MessagingMeters.TAG_TOPIC, topic)
			.counter()
			.count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
			DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template);
			return new DefaultErrorHandler(recoverer, new FixedBackOff(0, 2));
		}

	}

	static class Listeners {

		private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

		final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final List<String> deadLettered = new CopyOnWriteArrayList<>();

		final AtomicInteger lagging = new AtomicInteger();

		final java.util.concurrent.atomic.AtomicBoolean laggingPaused = new java.util.concurrent.atomic.AtomicBoolean();

		@org.springframework.context.event.EventListener
		void paused(org.springframework.kafka.event.ConsumerPausedEvent event) {
			if (event.getPartitions().stream().anyMatch((partition) -> partition.topic().equals("lagging"))) {
				this.laggingPaused.set(true);
			}
		}

		@KafkaListener(id = "fulfilment", topics = "orders", groupId = "fulfilment-group")
		void fulfil(String value) throws InterruptedException {
			int attempt = this.attempts.computeIfAbsent(value, (key) -> new AtomicInteger()).incrementAndGet();
			if (value.startsWith("fail") || (value.startsWith("flaky") && attempt == 1)) {
				throw new IllegalStateException("cannot fulfil " + value);
			}
			if (value.startsWith("slow")) {
				// simulated work slower than the 1s processing threshold, not synchronisation
				Thread.sleep(1200);
			}
		}

		@KafkaListener(id = "dead-letters", topics = "orders-dlt", groupId = "dead-letters-group")
		void deadLetter(ConsumerRecord<String, String> record) {
			this.deadLettered.add(record.value());
		}

		@KafkaListener(id = "lagging", topics = "lagging", groupId = "lagging-group", concurrency = "1")
		void lag(String value) {
			this.lagging.incrementAndGet();
		}

		@KafkaListener(id = "traced", topics = "traced", groupId = "traced-group")
		void traced(String value) {
			logger.info("traced {}", value);
		}

	}

}
