package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Clock;

/**
 * The events of one objective: lifetime good and bad totals and three fixed rings of rolling counts.
 * <p>
 * 10s slots over 6h serve the 5m to 6h burn windows, 5m slots over 3d the 1d and 3d ones, and 720 slots over the
 * objective's own window its error budget (a 30d window has 1h slots). Each window is therefore resolved to
 * within one slot of its ring: at most 3.3% of the 5m window, 0.3% of 1d and 0.14% of the objective window.
 * Recording an event touches one slot of each ring and one adder, never a lock, and allocates nothing.
 */
public final class SloCounter {

	static final Duration FINE_SLOT = Duration.ofSeconds(10);

	static final int FINE_SLOTS = 6 * 360;

	static final Duration COARSE_SLOT = Duration.ofMinutes(5);

	static final int COARSE_SLOTS = 3 * 288;

	static final int BUDGET_SLOTS = 720;

	private final LongAdder good = new LongAdder();

	private final LongAdder bad = new LongAdder();

	private final RollingCounts fine = new RollingCounts(FINE_SLOT, FINE_SLOTS);

	private final RollingCounts coarse = new RollingCounts(COARSE_SLOT, COARSE_SLOTS);

	private final RollingCounts budget;

	private final Duration window;

	private final Clock clock;

	private final long origin;

	/** A counter whose budget ring covers {@code window}, reading the monotonic time of {@code clock}. */
	public SloCounter(Duration window, Clock clock) {
		this.window = window;
		long budgetSlotNanos = Math.max(1, (window.toNanos() + BUDGET_SLOTS - 1) / BUDGET_SLOTS);
		this.budget = new RollingCounts(Duration.ofNanos(budgetSlotNanos), BUDGET_SLOTS);
		this.clock = clock;
		this.origin = clock.monotonicTime();
	}

	/** Records one event now. */
	public void record(boolean isGood) {
		long now = now();
		(isGood ? this.good : this.bad).increment();
		this.fine.add(now, isGood);
		this.coarse.add(now, isGood);
		this.budget.add(now, isGood);
	}

	/** Good events since start-up. */
	public double goodTotal() {
		return this.good.sum();
	}

	/** Bad events since start-up. */
	public double badTotal() {
		return this.bad.sum();
	}

	/** Events over the rolling burn window, from the finest ring that spans it. */
	public WindowCounts over(BurnWindow window) {
		RollingCounts ring = (window.duration().compareTo(this.fine.span()) <= 0) ? this.fine : this.coarse;
		return ring.sum(now(), window.duration());
	}

	/** Events over the objective's window. */
	public WindowCounts overWindow() {
		return this.budget.sum(now(), this.window);
	}

	private long now() {
		return Math.max(0, this.clock.monotonicTime() - this.origin);
	}

}
