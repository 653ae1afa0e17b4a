package dev.observability.autoconfigure.logging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;

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
 */
public class DroppingAsyncAppender extends AsyncAppender {

	/** Logger name of the dropped-events WARN. */
	public static final String WARNING_LOGGER = "dev.observability.logging";

	private static final LongAdder TOTAL_DROPPED = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final AtomicLong droppedSinceWarning = new AtomicLong();

	private final AtomicLong nextWarningNanos = new AtomicLong(Long.MIN_VALUE);

	private long warningIntervalNanos;

	private boolean queueSizeSet;

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
		LoggingProperties.Async async = LoggingSettings.current().properties().getAsync();
		if (!this.queueSizeSet) {
			super.setQueueSize(async.getQueueSize());
		}
		if (this.warningIntervalNanos == 0) {
			this.warningIntervalNanos = async.getDropWarningInterval().toNanos();
		}
		setNeverBlock(true);
		setDiscardingThreshold(0);
		super.start();
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
	}

}
