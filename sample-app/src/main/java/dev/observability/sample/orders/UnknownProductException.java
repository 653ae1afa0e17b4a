package dev.observability.sample.orders;

import java.util.Collection;

/**
 * Thrown when a checkout names SKUs that are not in the catalog.
 */
public class UnknownProductException extends RuntimeException {

	public UnknownProductException(Collection<String> skus) {
		super("Not in the catalog: " + String.join(", ", skus));
	}

}
