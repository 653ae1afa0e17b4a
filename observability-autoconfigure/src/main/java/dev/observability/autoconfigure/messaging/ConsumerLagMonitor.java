package dev.observability.autoconfigure.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@code messaging.consumer.lag}: per consumer group of the application's listeners and topic, the records
 * produced but not yet committed by the group (sum over partitions of end offset minus committed offset).
 * <p>
 * The consumer's own {@code records-lag} metric is only updated when the consumer fetches, so it freezes exactly
 * when lag matters (a paused, stuck or dead listener); the broker's view is asked for instead, on one background
 * thread at a fixed interval, with a timeout. A scrape only reads the last values and never waits on the broker.
 * Partitions on which the group has committed nothing yet are not counted.
 */
public class ConsumerLagMonitor implements MeterBinder, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConsumerLagMonitor.class);

	/** Groups and topics are bounded by the application's listeners; this caps the series all the same. */
	private static final int MAX_SERIES = 500;

	/** A broker read may take longer than a short interval (the first one connects). */
	private static final Duration MIN_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<Admin> adminFactory;

	private final ObjectProvider<ListenerContainerRegistry> registry;

	private final Duration interval;

	private final Map<String, Map<String, AtomicLong>> lag = new ConcurrentHashMap<>();

	private final List<MeterRegistry> meterRegistries = new java.util.concurrent.CopyOnWriteArrayList<>();

	private volatile ScheduledExecutorService executor;

	private Admin admin;

	private int series;

	public ConsumerLagMonitor(Supplier<Admin> adminFactory, ObjectProvider<ListenerContainerRegistry> registry,
			Duration interval) {
		this.adminFactory = adminFactory;
		this.registry = registry;
		this.interval = interval;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meterRegistries.add(registry);
		this.lag.forEach((group, byTopic) -> byTopic.forEach((topic, value) -> register(registry, group, topic, value)));
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "observability-consumer-lag");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = scheduler;
		scheduler.scheduleWithFixedDelay(this::refreshQuietly, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		this.executor = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(this.interval.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
			this.admin = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Consumer lag not refreshed", ex);
		}
	}

	/** Reads the committed and end offsets of every listener's group and updates the lag gauges. */
	void refresh() throws Exception {
		Set<String> groups = new LinkedHashSet<>();
		this.registry.orderedStream()
			.flatMap((containers) -> containers.getAllListenerContainers().stream())
			.map(MessageListenerContainer::getGroupId)
			.filter((group) -> group != null && !group.isEmpty())
			.forEach(groups::add);
		if (groups.isEmpty()) {
			return;
		}
		if (this.admin == null) {
			this.admin = this.adminFactory.get();
		}
		for (String group : groups) {
			try {
				refresh(group);
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.debug("Consumer lag of group " + group + " not refreshed", ex);
			}
		}
	}

	private void refresh(String group) throws InterruptedException, ExecutionException, TimeoutException {
		long timeout = Math.max(this.interval.toMillis(), MIN_TIMEOUT.toMillis());
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(timeout, TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.forEach((partition, offset) -> {
			if (offset != null) {
				latest.put(partition, OffsetSpec.latest());
			}
		});
		if (latest.isEmpty()) {
			return;
		}
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
			.all()
			.get(timeout, TimeUnit.MILLISECONDS);
		Map<String, Long> byTopic = new HashMap<>();
		ends.forEach((partition, end) -> byTopic.merge(partition.topic(),
				Math.max(0, end.offset() - committed.get(partition).offset()), Long::sum));
		byTopic.forEach((topic, value) -> gauge(group, topic).set(value));
	}

	/** Last lag read for a group and topic, null before the first read. */
	Long lag(String group, String topic) {
		Map<String, AtomicLong> byTopic = this.lag.get(group);
		AtomicLong value = (byTopic != null) ? byTopic.get(topic) : null;
		return (value != null) ? value.get() : null;
	}

	private synchronized AtomicLong gauge(String group, String topic) {
		Map<String, AtomicLong> byTopic = this.lag.computeIfAbsent(group, (key) -> new ConcurrentHashMap<>());
		AtomicLong value = byTopic.get(topic);
		if (value == null) {
			value = new AtomicLong();
			if (this.series++ >= MAX_SERIES) {
				return value;
			}
			byTopic.put(topic, value);
			for (MeterRegistry registry : this.meterRegistries) {
				register(registry, group, topic, value);
			}
		}
		return value;
	}

	private static void register(MeterRegistry registry, String group, String topic, AtomicLong value) {
		Gauge.builder(MessagingMeters.CONSUMER_LAG, value, AtomicLong::get)
			.description("Records on a topic not yet committed by a consumer group")
			.tags(MessagingMeters.TAG_GROUP, group, MessagingMeters.TAG_TOPIC, topic)
			.strongReference(true)
			.register(registry);
	}

}
