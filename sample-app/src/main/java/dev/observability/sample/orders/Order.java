package dev.observability.sample.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * A paid order.
 */
@Entity
@Table(name = "orders")
public class Order {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 64)
	private String customerId;

	@Column(nullable = false, length = 16)
	private String channel;

	@Column(nullable = false, length = 16)
	private String paymentMethod;

	@Column(nullable = false, length = 3)
	private String currency;

	@Column(nullable = false)
	private long totalCents;

	@Column(nullable = false, length = 64)
	private String paymentReference;

	@Column(nullable = false)
	private Instant createdAt;

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("id")
	private List<OrderLine> lines = new ArrayList<>();

	protected Order() {
	}

	Order(String customerId, String channel, String paymentMethod, String currency, String paymentReference,
			Instant createdAt) {
		this.customerId = customerId;
		this.channel = channel;
		this.paymentMethod = paymentMethod;
		this.currency = currency;
		this.paymentReference = paymentReference;
		this.createdAt = createdAt;
	}

	void addLine(String sku, int quantity, long unitPriceCents) {
		this.lines.add(new OrderLine(this, sku, quantity, unitPriceCents));
		this.totalCents += quantity * unitPriceCents;
	}

	void paid(String paymentReference) {
		this.paymentReference = paymentReference;
	}

	public Long getId() {
		return this.id;
	}

	public String getCustomerId() {
		return this.customerId;
	}

	public String getChannel() {
		return this.channel;
	}

	public String getPaymentMethod() {
		return this.paymentMethod;
	}

	public String getCurrency() {
		return this.currency;
	}

	public long getTotalCents() {
		return this.totalCents;
	}

	public String getPaymentReference() {
		return this.paymentReference;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public List<OrderLine> getLines() {
		return this.lines;
	}

}
