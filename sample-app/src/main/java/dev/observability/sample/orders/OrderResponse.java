package dev.observability.sample.orders;

import java.time.Instant;
import java.util.List;

/**
 * An order as the API shows it.
 *
 * @param id the order's id
 * @param customerId the customer's id
 * @param channel the sales channel
 * @param paymentMethod the payment method
 * @param currency the currency of the amounts
 * @param totalCents the order's total in minor units
 * @param status the order's status ({@code PAID})
 * @param paymentReference the payment provider's charge id
 * @param createdAt when the order was placed
 * @param lines the order's lines
 */
public record OrderResponse(long id, String customerId, String channel, String paymentMethod, String currency,
		long totalCents, String status, String paymentReference, Instant createdAt, List<Line> lines) {

	static OrderResponse of(Order order) {
		List<Line> lines = order.getLines()
			.stream()
			.map((line) -> new Line(line.getSku(), line.getQuantity(), line.getUnitPriceCents()))
			.toList();
		return new OrderResponse(order.getId(), order.getCustomerId(), order.getChannel(), order.getPaymentMethod(),
				order.getCurrency(), order.getTotalCents(), "PAID", order.getPaymentReference(), order.getCreatedAt(),
				lines);
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product's SKU
	 * @param quantity how many
	 * @param unitPriceCents the unit price in minor units when the order was placed
	 */
	public record Line(String sku, int quantity, long unitPriceCents) {

	}

}
