package dev.observability.autoconfigure.business;

import dev.observability.autoconfigure.cardinality.BoundedSet;
import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.Counter;

/**
 * Caps the distinct values of one tag of one meter: the first {@code max} values pass, every later new value
 * becomes {@link BusinessMetrics#OVERFLOW_TAG_VALUE} and is counted.
 */
final class TagValueLimiter {

	private final BoundedSet<String> seen;

	private final Counter overflow;

	TagValueLimiter(int max, Counter overflow) {
		this.seen = new BoundedSet<>(max);
		this.overflow = overflow;
	}

	String limit(String value) {
		if (this.seen.admit(value)) {
			return value;
		}
		this.overflow.increment();
		return BusinessMetrics.OVERFLOW_TAG_VALUE;
	}

}
