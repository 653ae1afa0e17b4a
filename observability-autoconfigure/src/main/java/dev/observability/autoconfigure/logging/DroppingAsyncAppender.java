package dev.observability.autoconfigure.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.OnPrintStreamStatusListenerBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;

/**
 * Logback's {@link AsyncAppender} set never to block the logging thread: with a bounded queue, an event that
 * arrives while the queue is full (the sink stalls) is dropped and counted, in this appender and in the
 * process-wide total behind {@code observability.logging.events.dropped}. No event is discarded below that
 * point (Logback's default discards TRACE to INFO events at 80% silently). After drops, the next accepted
 * event is preceded by one WARN saying how many were lost, at most once per
 * {@code observability.logging.async.drop-warning-interval}.
 * <p>
 * The full-queue check runs just before the enqueue, so under a race a few drops may go through Logback's own
 * non-blocking offer uncounted; the count is a lower bound.
 * <p>
 * Shutdown is bounded: {@link #stop()} lets the worker flush the queue for at most
 * {@code observability.logging.async.shutdown-timeout}, then gives up and writes one line to standard error
 * saying how many accepted events were never written. Logback's own "Max queue flush timeout exceeded" status
 * is not emitted: Spring Boot's {@code SystemStatusListener} prints status messages to standard output, the
 * very stream that is stuck, and the shutdown hook would block there for good. The worker is a daemon
 * thread, so a sink blocked for ever does not keep the JVM alive.
 */
public class DroppingAsyncAppender extends AsyncAppender {

	/** Logger name of the dropped-events WARN. */
	public static final String WARNING_LOGGER = "dev.observability.logging";

	private static final LongAdder TOTAL_DROPPED = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final AtomicLong droppedSinceWarning = new AtomicLong();

	private final AtomicLong nextWarningNanos = new AtomicLong(Long.MIN_VALUE);

	private final LongAdder accepted = new LongAdder();

	private long warningIntervalNanos;

	private boolean queueSizeSet;

	private boolean shutdownTimeoutSet;

	private WrittenCounter sink;

	private volatile boolean stopping;

	private OutputStream report = new FileOutputStream(FileDescriptor.err);

	public DroppingAsyncAppender() {
		setNeverBlock(true);
		setDiscardingThreshold(0);
	}

	/** Log events dropped by every instance of this appender in this process. */
	public static long totalDropped() {
		return TOTAL_DROPPED.sum();
	}

	/** Log events dropped by this appender. */
	public long getDroppedCount() {
		return this.dropped.sum();
	}

	@Override
	public void setQueueSize(int queueSize) {
		super.setQueueSize(queueSize);
		this.queueSizeSet = true;
	}

	@Override
	public void start() {
		LoggingProperties.Async async = LoggingSettings.propertiesOf(getContext()).getAsync();
		if (!this.queueSizeSet) {
			super.setQueueSize(async.getQueueSize());
		}
		if (this.warningIntervalNanos == 0) {
			this.warningIntervalNanos = async.getDropWarningInterval().toNanos();
		}
		if (!this.shutdownTimeoutSet) {
			super.setMaxFlushTime((int) Math.min(Integer.MAX_VALUE, async.getShutdownTimeout().toMillis()));
		}
		setNeverBlock(true);
		setDiscardingThreshold(0);
		if (this.sink != null) {
			this.sink.start();
		}
		this.stopping = false;
		super.start();
	}

	@Override
	public void setMaxFlushTime(int maxFlushTime) {
		super.setMaxFlushTime(maxFlushTime);
		this.shutdownTimeoutSet = true;
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		if (this.sink == null) {
			this.sink = new WrittenCounter(appender);
			this.sink.setContext(getContext());
			super.addAppender(this.sink);
		}
		else {
			super.addAppender(appender);
		}
	}

	/**
	 * Flushes the queue for at most the shutdown timeout; events still unwritten then are reported on standard
	 * error and abandoned.
	 */
	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		this.stopping = true;
		removeConsoleStatusListeners();
		super.stop();
		long unwritten = this.accepted.sum() - ((this.sink != null) ? this.sink.written.sum() : 0);
		if (unwritten > 0) {
			report(unwritten);
		}
	}

	/**
	 * Once this appender is stopped, a thread still logging makes Logback add a "no appender" status, and Spring
	 * Boot's {@code SystemStatusListener} prints it to standard output while holding the status manager's lock: with
	 * standard output stuck, Logback's reset in the shutdown hook then waits on that lock for good. Statuses
	 * printed to the console during shutdown have nowhere useful to go, so the console listeners are removed first.
	 */
	private void removeConsoleStatusListeners() {
		if (getContext() == null) {
			return;
		}
		StatusManager statusManager = getContext().getStatusManager();
		for (StatusListener listener : statusManager.getCopyOfStatusListenerList()) {
			if (listener instanceof OnPrintStreamStatusListenerBase) {
				statusManager.remove(listener);
			}
		}
	}

	/** Where the shutdown report goes (standard error); for tests. */
	void setReport(OutputStream report) {
		this.report = report;
	}

	/** Log events accepted into the queue that the sink has not written (yet). */
	public long getUnwrittenCount() {
		return this.accepted.sum() - ((this.sink != null) ? this.sink.written.sum() : 0);
	}

	private void report(long unwritten) {
		String line = "{\"@timestamp\":\"" + Instant.now() + "\",\"level\":\"ERROR\",\"logger\":\"" + WARNING_LOGGER
				+ "\",\"message\":\"" + unwritten + " log events could not be written: the log sink did not take them within "
				+ getMaxFlushTime() + " ms of shutdown (observability.logging.async.shutdown-timeout)\"}\n";
		OutputStream target = this.report;
		// standard error may be stuck too: write from a daemon thread and wait only briefly
		Thread writer = new Thread(() -> {
			try {
				target.write(line.getBytes(StandardCharsets.UTF_8));
				target.flush();
			}
			catch (Exception ex) {
				// nowhere left to report to
			}
		}, "observability-log-shutdown-report");
		writer.setDaemon(true);
		writer.start();
		try {
			writer.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** While stopping, statuses stay in this appender: Boot prints them to the (possibly stuck) stdout. */
	@Override
	public void addStatus(Status status) {
		if (!this.stopping) {
			super.addStatus(status);
		}
	}

	/** Minimum time between two dropped-events WARNs, in milliseconds. */
	public void setDropWarningIntervalMillis(long millis) {
		this.warningIntervalNanos = millis * 1_000_000L;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (getRemainingCapacity() == 0) {
			this.dropped.increment();
			TOTAL_DROPPED.increment();
			this.droppedSinceWarning.incrementAndGet();
			return;
		}
		if (this.droppedSinceWarning.get() > 0) {
			warnAboutDrops();
		}
		super.append(event);
		this.accepted.increment();
	}

	private void warnAboutDrops() {
		long now = System.nanoTime();
		long next = this.nextWarningNanos.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !this.nextWarningNanos.compareAndSet(next, now + this.warningIntervalNanos)) {
			return;
		}
		long count = this.droppedSinceWarning.getAndSet(0);
		if (count == 0 || !(getContext() instanceof LoggerContext loggerContext)) {
			return;
		}
		Logger logger = loggerContext.getLogger(WARNING_LOGGER);
		LoggingEvent warning = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
				"{} log events were dropped because the log sink did not keep up (queue of {} full)", null,
				new Object[] { count, getQueueSize() });
		super.append(warning);
		this.accepted.increment();
	}

	/** The attached sink, counting the events it has written. */
	private static final class WrittenCounter extends UnsynchronizedAppenderBase<ILoggingEvent> {

		private final Appender<ILoggingEvent> delegate;

		private final LongAdder written = new LongAdder();

		WrittenCounter(Appender<ILoggingEvent> delegate) {
			this.delegate = delegate;
			setName(delegate.getName());
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.delegate.doAppend(event);
			this.written.increment();
		}

		@Override
		public void stop() {
			this.delegate.stop();
			super.stop();
		}

	}

}
