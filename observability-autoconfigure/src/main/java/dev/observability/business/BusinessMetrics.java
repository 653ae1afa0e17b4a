package dev.observability.business;

import java.time.Duration;

/**
 * Records the business meters declared under {@code observability.business.meters}. Tags are given as
 * alternating key/value pairs ({@code "channel", "web", "payment_method", "card"}); every key must be one of
 * the meter's declared tags, otherwise an {@link IllegalArgumentException} names the meter, the key and the
 * declared keys. Each tag's distinct values are capped: values past the cap are recorded as {@code OTHER}.
 */
public interface BusinessMetrics {

	/** Value recorded for a tag whose distinct values exceeded the cap. */
	String OVERFLOW_TAG_VALUE = "OTHER";

	/**
	 * Business metrics that record nothing: the bean when {@code observability.enabled=false}, so code that
	 * records business meters keeps working with the starter switched off; also handy in unit tests.
	 */
	static BusinessMetrics noop() {
		return NoOpBusinessMetrics.INSTANCE;
	}

	/** Adds one to a declared counter. */
	default void increment(String meter, String... tags) {
		increment(meter, 1.0, tags);
	}

	/** Adds {@code amount} (not negative) to a declared counter. */
	void increment(String meter, double amount, String... tags);

	/** Records a duration on a declared timer. */
	void record(String meter, Duration duration, String... tags);

	/** Records a value (an order's amount, a batch size) on a declared distribution summary. */
	void record(String meter, double amount, String... tags);

	/** Sets the current value of a declared gauge for the given tags. */
	void set(String meter, double value, String... tags);

}
