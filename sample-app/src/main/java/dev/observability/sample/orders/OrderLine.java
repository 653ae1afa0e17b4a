package dev.observability.sample.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One product of an order, priced when the order was placed.
 */
@Entity
@Table(name = "order_lines")
public class OrderLine {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id")
	private Order order;

	@Column(nullable = false, length = 32)
	private String sku;

	@Column(nullable = false)
	private int quantity;

	@Column(nullable = false)
	private long unitPriceCents;

	protected OrderLine() {
	}

	OrderLine(Order order, String sku, int quantity, long unitPriceCents) {
		this.order = order;
		this.sku = sku;
		this.quantity = quantity;
		this.unitPriceCents = unitPriceCents;
	}

	public String getSku() {
		return this.sku;
	}

	public int getQuantity() {
		return this.quantity;
	}

	public long getUnitPriceCents() {
		return this.unitPriceCents;
	}

}
