package dev.observability.autoconfigure.logging;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.status.OnConsoleStatusListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DroppingAsyncAppender} settings taken at start, the warning interval across two bursts of drops, the
 * unwritten count, extra appenders and the shutdown clean-up; the sink here can be stalled and released repeatedly.
 */
class DroppingAsyncAppenderLifecycleTests {

	private final LoggerContext loggerContext = new LoggerContext();

	private final GatedSink sink = new GatedSink();

	private final DroppingAsyncAppender appender = new DroppingAsyncAppender();

	@AfterEach
	void stop() {
		this.sink.release();
		this.appender.stop();
		this.loggerContext.stop();
	}

	private Logger start(int queueSize, long dropWarningIntervalMillis) {
		this.loggerContext.setMDCAdapter(new LogbackMDCAdapter());
		this.sink.setName("sink");
		this.sink.setContext(this.loggerContext);
		this.sink.start();
		this.appender.setContext(this.loggerContext);
		this.appender.setQueueSize(queueSize);
		this.appender.setDropWarningIntervalMillis(dropWarningIntervalMillis);
		this.appender.setMaxFlushTime(1000);
		this.appender.addAppender(this.sink);
		this.appender.start();
		Logger logger = this.loggerContext.getLogger("test");
		logger.setAdditive(false);
		logger.setLevel(Level.DEBUG);
		logger.addAppender(this.appender);
		return logger;
	}

	@Test
	void startTakesQueueSizeAndShutdownTimeoutFromTheSpringEnvironmentInTheLoggerContext() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("observability.logging.async.queue-size", "64",
					"observability.logging.async.shutdown-timeout", "1500ms")));
		this.loggerContext.putObject(Environment.class.getName(), environment);
		this.appender.setContext(this.loggerContext);
		this.appender.addAppender(this.sink);
		this.appender.start();
		assertThat(this.appender.getQueueSize()).isEqualTo(64);
		assertThat(this.appender.getMaxFlushTime()).isEqualTo(1500);
	}

	@Test
	void startAlwaysDropsInsteadOfBlockingOrDiscardingBelowLevelWarn() {
		this.appender.setContext(this.loggerContext);
		this.appender.setNeverBlock(false);
		this.appender.setDiscardingThreshold(5);
		this.appender.addAppender(this.sink);
		this.appender.start();
		assertThat(this.appender.isNeverBlock()).isTrue();
		assertThat(this.appender.getDiscardingThreshold()).isZero();
	}

	@Test
	void aSecondBurstOfDropsGetsItsOwnWarningOnceTheIntervalHasPassed() {
		Logger logger = start(16, 1);
		burstOfDrops(logger, "after first burst");
		burstOfDrops(logger, "after second burst");
		assertThat(warnings()).hasSize(2);
		assertThat(this.appender.getUnwrittenCount()).isZero();
	}

	@Test
	void aSecondBurstOfDropsWithinTheIntervalIsNotWarnedAbout() {
		Logger logger = start(16, 60_000);
		burstOfDrops(logger, "after first burst");
		burstOfDrops(logger, "after second burst");
		assertThat(warnings()).hasSize(1);
		assertThat(warnings().get(0).getFormattedMessage()).startsWith("84 log events were dropped");
		assertThat(this.appender.getDroppedCount()).isEqualTo(2 * 84);
	}

	@Test
	void unwrittenCountIsWhatTheQueueAcceptedAndTheSinkHasNotWrittenYet() {
		Logger logger = start(64, 60_000);
		this.sink.stall();
		for (int i = 0; i < 10; i++) {
			logger.info("event {}", i);
		}
		assertThat(this.appender.getUnwrittenCount()).isEqualTo(10);
		this.sink.release();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.sink.written.size() == 10);
		assertThat(this.appender.getUnwrittenCount()).isZero();
	}

	@Test
	void aSecondAppenderIsRefusedWithLogbacksWarning() {
		Logger logger = start(64, 60_000);
		List<ILoggingEvent> second = new CopyOnWriteArrayList<>();
		AppenderBase<ILoggingEvent> secondSink = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				second.add(event);
			}

		};
		secondSink.setContext(this.loggerContext);
		secondSink.start();
		this.appender.addAppender(secondSink);
		assertThat(this.loggerContext.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
			.anyMatch((message) -> message.contains("One and only one appender"));
		logger.info("to the first only");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.sink.written.size() == 1);
		assertThat(second).isEmpty();
	}

	@Test
	void theFirstAppenderKeepsItsNameAndIsStoppedWithTheAsyncAppender() {
		start(64, 60_000);
		assertThat(this.appender.getAppender("sink")).isNotNull();
		this.appender.stop();
		assertThat(this.sink.isStarted()).isFalse();
	}

	@Test
	void statusesAreKeptWhileRunning() {
		start(64, 60_000);
		this.appender.addInfo("still running");
		assertThat(this.loggerContext.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
			.contains("still running");
	}

	@Test
	void stopRemovesOnlyTheConsoleStatusListeners() {
		start(64, 60_000);
		OnConsoleStatusListener console = new OnConsoleStatusListener();
		console.setContext(this.loggerContext);
		StatusListener other = (status) -> {
		};
		this.loggerContext.getStatusManager().add(console);
		this.loggerContext.getStatusManager().add(other);
		this.appender.stop();
		assertThat(this.loggerContext.getStatusManager().getCopyOfStatusListenerList()).contains(other)
			.doesNotContain(console);
	}

	@Test
	void theShutdownReportIsFlushedFromADaemonThread() {
		ByteArrayOutputStream target = new ByteArrayOutputStream();
		AtomicReference<Boolean> daemon = new AtomicReference<>();
		OutputStream recording = new OutputStream() {

			@Override
			public void write(int b) {
				target.write(b);
			}

			@Override
			public void write(byte[] bytes, int off, int len) {
				daemon.set(Thread.currentThread().isDaemon());
				target.write(bytes, off, len);
			}

		};
		this.appender.setReport(new BufferedOutputStream(recording, 64 * 1024));
		Logger logger = start(64, 60_000);
		this.appender.setMaxFlushTime(100);
		this.sink.stall();
		logger.info("stuck");
		this.sink.awaitEntered();
		this.appender.stop();
		assertThat(target.toString(StandardCharsets.UTF_8)).contains("1 log events could not be written");
		assertThat(daemon.get()).isTrue();
	}

	private void burstOfDrops(Logger logger, String afterwards) {
		this.sink.stall();
		logger.info("taken by the worker");
		this.sink.awaitEntered();
		for (int i = 0; i < 100; i++) {
			logger.info("event {}", i);
		}
		this.sink.release();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.appender.getNumberOfElementsInQueue() == 0);
		logger.info(afterwards);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.sink.written.stream()
			.anyMatch((event) -> event.getFormattedMessage().equals(afterwards)));
	}

	private List<ILoggingEvent> warnings() {
		return this.sink.written.stream()
			.filter((event) -> event.getLoggerName().equals(DroppingAsyncAppender.WARNING_LOGGER))
			.toList();
	}

	/** A sink that blocks every write while stalled, like a pipe nobody reads, until released. */
	private static final class GatedSink extends AppenderBase<ILoggingEvent> {

		private final List<ILoggingEvent> written = new CopyOnWriteArrayList<>();

		private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

		private final Semaphore entered = new Semaphore(0);

		void stall() {
			this.entered.drainPermits();
			this.gate.set(new CountDownLatch(1));
		}

		void release() {
			this.gate.get().countDown();
		}

		void awaitEntered() {
			try {
				assertThat(this.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.entered.release();
			CountDownLatch latch = this.gate.get();
			while (latch.getCount() > 0) {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					// keep blocking
				}
			}
			this.written.add(event);
		}

	}

}
