package dev.observability.autoconfigure.logging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DroppingAsyncAppenderTests {

	private final LoggerContext loggerContext = new LoggerContext();

	private final CountDownLatch sinkReleased = new CountDownLatch(1);

	private final List<ILoggingEvent> written = new CopyOnWriteArrayList<>();

	private DroppingAsyncAppender appender;

	private final CountDownLatch sinkEntered = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.sinkReleased.countDown();
		if (this.appender != null) {
			this.appender.stop();
		}
		this.loggerContext.stop();
	}

	private Logger loggerWithStalledSink(int queueSize) {
		this.loggerContext.setMDCAdapter(new LogbackMDCAdapter());
		AppenderBase<ILoggingEvent> stalledSink = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				try {
					DroppingAsyncAppenderTests.this.sinkEntered.countDown();
					DroppingAsyncAppenderTests.this.sinkReleased.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				DroppingAsyncAppenderTests.this.written.add(event);
			}

		};
		stalledSink.setContext(this.loggerContext);
		stalledSink.start();
		this.appender = new DroppingAsyncAppender();
		this.appender.setContext(this.loggerContext);
		this.appender.setQueueSize(queueSize);
		this.appender.setDropWarningIntervalMillis(1);
		this.appender.addAppender(stalledSink);
		this.appender.start();
		Logger logger = this.loggerContext.getLogger("test");
		logger.setAdditive(false);
		logger.setLevel(Level.DEBUG);
		logger.addAppender(this.appender);
		return logger;
	}

	@Test
	void loggingReturnsWhileTheSinkStallsAndDropsAreCounted() {
		Logger logger = loggerWithStalledSink(16);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new LogEventsDroppedMeterBinder().bindTo(registry);
		double droppedBefore = registry.get(LogEventsDroppedMeterBinder.EVENTS_DROPPED).functionCounter().count();
		CompletableFuture<Void> logging = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 5_000; i++) {
				logger.info("event {}", i);
			}
		});
		await().atMost(Duration.ofSeconds(30)).until(logging::isDone);
		assertThat(logging).isCompleted();
		assertThat(this.appender.getDroppedCount()).isGreaterThanOrEqualTo(5_000 - 2 * 16 - 1); // one in the sink, a drained batch, a full queue
		assertThat(registry.get(LogEventsDroppedMeterBinder.EVENTS_DROPPED).functionCounter().count() - droppedBefore)
			.isGreaterThanOrEqualTo(this.appender.getDroppedCount());
	}

	@Test
	void debugAndInfoEventsAreNotSilentlyDiscardedBeforeTheQueueIsFull() {
		Logger logger = loggerWithStalledSink(64);
		for (int i = 0; i < 40; i++) {
			logger.debug("event {}", i);
		}
		assertThat(this.appender.getDroppedCount()).isZero();
		this.sinkReleased.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.written.size() == 40);
	}

	@Test
	void reportsDropsWithOneWarningOnceTheSinkRecovers() {
		Logger logger = loggerWithStalledSink(16);
		// the worker takes a first event and stalls in the sink: from then on the queue only fills, so every
		// drop happens before the sink recovers and exactly one warning can follow
		logger.info("first");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.sinkEntered.getCount() == 0);
		for (int i = 0; i < 100; i++) {
			logger.info("event {}", i);
		}
		long dropped = this.appender.getDroppedCount();
		assertThat(dropped).isEqualTo(100 - 16);
		assertThat(dropped).isPositive();
		this.sinkReleased.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.appender.getNumberOfElementsInQueue() == 0);
		logger.info("after recovery");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.written.stream().anyMatch((event) -> event.getFormattedMessage().equals("after recovery")));
		List<ILoggingEvent> warnings = this.written.stream()
			.filter((event) -> event.getLoggerName().equals(DroppingAsyncAppender.WARNING_LOGGER))
			.toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0).getLevel()).isEqualTo(Level.WARN);
		assertThat(warnings.get(0).getFormattedMessage()).startsWith(dropped + " log events were dropped");
	}

}
