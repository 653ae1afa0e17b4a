package dev.observability.sample.catalog;

/**
 * Thrown when a SKU is not in the catalog.
 */
public class ProductNotFoundException extends RuntimeException {

	private final String sku;

	public ProductNotFoundException(String sku) {
		super("No product with SKU '" + sku + "'");
		this.sku = sku;
	}

	public String getSku() {
		return this.sku;
	}

}
