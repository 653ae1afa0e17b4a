package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Good and bad event counts over a fixed ring of time slots: memory is fixed at construction, adding an
 * event is O(1) and lock-free, summing a window reads one slot per slot length.
 * <p>
 * Each slot is one {@code long} per outcome that packs the slot's epoch (its index since the ring's origin,
 * low {@value #EPOCH_BITS} bits) with its count (low {@value #COUNT_BITS} bits), so a writer that finds a slot
 * of an older epoch resets and increments it with a single compare-and-set and no increment is ever lost to
 * a concurrent reset. Readers skip slots whose epoch is not the one expected. The packed epoch wraps after
 * 2^24 slots (over two years at the finest slot length used); a slot left untouched for exactly a multiple of
 * that would be misread, which the starter accepts.
 * <p>
 * A window of {@code k} slots covers the current, partial slot and the {@code k - 1} before it: between
 * {@code window - slot} and {@code window} of history, a resolution of one slot.
 */
final class RollingCounts {

	static final int EPOCH_BITS = 24;

	static final int COUNT_BITS = 40;

	private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

	private static final long EPOCH_MASK = (1L << EPOCH_BITS) - 1;

	private final long slotNanos;

	private final int slots;

	private final AtomicLongArray good;

	private final AtomicLongArray bad;

	RollingCounts(Duration slot, int slots) {
		if (slot.isNegative() || slot.isZero() || slots < 1) {
			throw new IllegalArgumentException("slot must be positive and slots at least 1");
		}
		this.slotNanos = slot.toNanos();
		this.slots = slots;
		this.good = new AtomicLongArray(slots);
		this.bad = new AtomicLongArray(slots);
	}

	/** Length of one slot. */
	Duration slot() {
		return Duration.ofNanos(this.slotNanos);
	}

	/** Span the ring can sum: its number of slots times the slot length. */
	Duration span() {
		return Duration.ofNanos(this.slotNanos * this.slots);
	}

	/** Adds one event at {@code nanos}, the monotonic time elapsed since the ring's origin (not negative). */
	void add(long nanos, boolean isGood) {
		long epoch = nanos / this.slotNanos;
		int index = (int) (epoch % this.slots);
		long tag = (epoch & EPOCH_MASK) << COUNT_BITS;
		AtomicLongArray counts = isGood ? this.good : this.bad;
		for (;;) {
			long current = counts.get(index);
			long next = ((current & ~COUNT_MASK) == tag) ? current + 1 : tag | 1;
			if (counts.compareAndSet(index, current, next)) {
				return;
			}
		}
	}

	/**
	 * Sums the events of the last {@code window} ending at {@code nanos}. The window is rounded to whole slots and
	 * capped at the ring's span.
	 */
	WindowCounts sum(long nanos, Duration window) {
		long epoch = nanos / this.slotNanos;
		long wanted = Math.max(1, Math.round((double) window.toNanos() / this.slotNanos));
		int count = (int) Math.min(Math.min(wanted, this.slots), epoch + 1);
		long goodSum = 0;
		long badSum = 0;
		for (int i = 0; i < count; i++) {
			long slotEpoch = epoch - i;
			int index = (int) (slotEpoch % this.slots);
			long tag = (slotEpoch & EPOCH_MASK) << COUNT_BITS;
			goodSum += countOf(this.good.get(index), tag);
			badSum += countOf(this.bad.get(index), tag);
		}
		return new WindowCounts(goodSum, badSum);
	}

	private static long countOf(long packed, long tag) {
		return ((packed & ~COUNT_MASK) == tag) ? (packed & COUNT_MASK) : 0;
	}

}
