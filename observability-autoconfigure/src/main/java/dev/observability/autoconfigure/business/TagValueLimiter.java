package dev.observability.autoconfigure.business;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.Counter;

/**
 * Caps the distinct values of one tag of one meter: the first {@code max} values pass, every later new value
 * becomes {@link BusinessMetrics#OVERFLOW_TAG_VALUE} and is counted. The set of seen values never holds more
 * than {@code max} entries; a value already seen costs one lock-free map read.
 */
final class TagValueLimiter {

	private final int max;

	private final ConcurrentHashMap<String, Boolean> seen;

	private final AtomicInteger size = new AtomicInteger();

	private final Counter overflow;

	TagValueLimiter(int max, Counter overflow) {
		this.max = max;
		this.seen = new ConcurrentHashMap<>(Math.min(max, 1024) * 4 / 3 + 1);
		this.overflow = overflow;
	}

	String limit(String value) {
		if (this.seen.containsKey(value)) {
			return value;
		}
		while (true) {
			int current = this.size.get();
			if (current >= this.max) {
				// another thread may have just added this very value
				if (this.seen.containsKey(value)) {
					return value;
				}
				this.overflow.increment();
				return BusinessMetrics.OVERFLOW_TAG_VALUE;
			}
			if (this.size.compareAndSet(current, current + 1)) {
				break;
			}
		}
		if (this.seen.putIfAbsent(value, Boolean.TRUE) != null) {
			this.size.decrementAndGet();
		}
		return value;
	}

	int size() {
		return this.size.get();
	}

}
