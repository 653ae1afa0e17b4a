package dev.observability.sample.orders;

import java.util.concurrent.atomic.AtomicInteger;

import dev.observability.business.BusinessMetrics;

import org.springframework.stereotype.Component;

/**
 * Tracks the carts that are in checkout right now (opened when a checkout starts, closed when it ends either
 * way) and publishes their number on the {@code carts.active} gauge.
 */
@Component
class ActiveCarts {

	private final AtomicInteger open = new AtomicInteger();

	private final BusinessMetrics metrics;

	ActiveCarts(BusinessMetrics metrics) {
		this.metrics = metrics;
		publish(0);
	}

	void opened() {
		publish(this.open.incrementAndGet());
	}

	void closed() {
		publish(this.open.decrementAndGet());
	}

	private void publish(int carts) {
		this.metrics.set(OrderMeters.CARTS_ACTIVE, carts);
	}

}
