package dev.observability.autoconfigure.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
import ch.qos.logback.core.status.Status;
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

	private final ByteArrayOutputStream standardError = new ByteArrayOutputStream();

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
				DroppingAsyncAppenderTests.this.sinkEntered.countDown();
				// like a write to a pipe nobody reads: an interrupt does not end it
				while (DroppingAsyncAppenderTests.this.sinkReleased.getCount() > 0) {
					try {
						DroppingAsyncAppenderTests.this.sinkReleased.await();
					}
					catch (InterruptedException ex) {
						// keep blocking
					}
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
		this.appender.setMaxFlushTime(300);
		this.appender.setReport(this.standardError);
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

	@Test
	void stopGivesUpAfterTheShutdownTimeoutAndReportsTheUnwrittenEventsOnStandardError() {
		Logger logger = loggerWithStalledSink(16);
		logger.info("first");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.sinkEntered.getCount() == 0);
		for (int i = 0; i < 10; i++) {
			logger.info("event {}", i);
		}
		int statusesBefore = this.loggerContext.getStatusManager().getCount();
		long start = System.nanoTime();
		this.appender.stop();
		Duration stopping = Duration.ofNanos(System.nanoTime() - start);
		assertThat(stopping).isBetween(Duration.ofMillis(300), Duration.ofMillis(300 + 5_000));
		assertThat(this.standardError.toString(StandardCharsets.UTF_8))
			.contains("\"level\":\"ERROR\"")
			.contains("\"message\":\"11 log events could not be written: the log sink did not take them within 300 ms of shutdown")
			.endsWith("}\n");
		// Logback's own flush-timeout status would go through Spring Boot's status listener to the stuck stdout
		assertThat(this.loggerContext.getStatusManager().getCopyOfStatusList().subList(statusesBefore,
				this.loggerContext.getStatusManager().getCount()))
			.extracting(Status::getMessage)
			.noneMatch((message) -> message.contains("flush"));
	}

	@Test
	void stopReportsNothingWhenTheSinkTakesEverythingInTime() {
		Logger logger = loggerWithStalledSink(64);
		for (int i = 0; i < 40; i++) {
			logger.info("event {}", i);
		}
		this.sinkReleased.countDown();
		this.appender.stop();
		assertThat(this.written).hasSize(40);
		assertThat(this.standardError.size()).isZero();
	}

}
