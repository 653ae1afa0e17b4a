package dev.observability.sample.orders;

/**
 * Names and tag keys of the business meters the orders service records. The meters themselves are declared
 * in {@code application.yml} under {@code observability.business.meters}.
 */
public final class OrderMeters {

	/** Counter of checkouts, tagged by channel and payment method (plus {@code outcome}). */
	public static final String ORDERS_PLACED = "orders.placed";

	/** Counter of revenue in cents, tagged by currency. */
	public static final String ORDERS_REVENUE = "orders.revenue";

	/** Distribution of order values in cents, tagged by currency. */
	public static final String ORDERS_VALUE = "orders.value";

	/** Gauge of carts currently in checkout. */
	public static final String CARTS_ACTIVE = "carts.active";

	/** Tag key of the currency. */
	public static final String CURRENCY = "currency";

	private OrderMeters() {
	}

}
