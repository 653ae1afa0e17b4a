package dev.observability.business;

import java.time.Duration;

/**
 * {@link BusinessMetrics} that records nothing; see {@link BusinessMetrics#noop()}.
 */
enum NoOpBusinessMetrics implements BusinessMetrics {

	INSTANCE;

	@Override
	public void increment(String meter, double amount, String... tags) {
	}

	@Override
	public void record(String meter, Duration duration, String... tags) {
	}

	@Override
	public void record(String meter, double amount, String... tags) {
	}

	@Override
	public void set(String meter, double value, String... tags) {
	}

}
