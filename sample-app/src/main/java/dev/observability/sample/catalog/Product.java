package dev.observability.sample.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An item of the catalog. Prices are list prices in minor units (cents) and apply in every currency the shop
 * sells in.
 */
@Entity
@Table(name = "products")
public class Product {

	@Id
	@Column(length = 32)
	private String sku;

	@Column(nullable = false, length = 120)
	private String name;

	@Column(nullable = false)
	private long priceCents;

	protected Product() {
	}

	public Product(String sku, String name, long priceCents) {
		this.sku = sku;
		this.name = name;
		this.priceCents = priceCents;
	}

	public String getSku() {
		return this.sku;
	}

	public String getName() {
		return this.name;
	}

	public long getPriceCents() {
		return this.priceCents;
	}

}
