package dev.observability.sample.orders;

/**
 * Thrown when no order has the requested id.
 */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(long id) {
		super("No order with id " + id);
	}

}
