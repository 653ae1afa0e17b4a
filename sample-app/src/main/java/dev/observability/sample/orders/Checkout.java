package dev.observability.sample.orders;

import java.util.UUID;

import dev.observability.business.BusinessEvent;
import dev.observability.business.BusinessMetrics;
import dev.observability.sample.payment.ChargeRequest;
import dev.observability.sample.payment.ChargeResponse;
import dev.observability.sample.payment.PaymentClient;

import org.springframework.stereotype.Component;

/**
 * Places a priced order: charges the customer and stores the paid order. Every call is one checkout on
 * {@code orders.placed} (outcome {@code failure} when the payment is declined or the provider fails) and one
 * event of the {@code payment-success} SLO; carts that never reach payment (unknown SKUs, invalid requests)
 * are not counted.
 */
@Component
class Checkout {

	private final PaymentClient payments;

	private final OrderRepository orders;

	private final BusinessMetrics metrics;

	Checkout(PaymentClient payments, OrderRepository orders, BusinessMetrics metrics) {
		this.payments = payments;
		this.orders = orders;
		this.metrics = metrics;
	}

	@BusinessEvent(value = OrderMeters.ORDERS_PLACED,
			tags = { "channel=#request.channel", "payment_method=#request.paymentMethod" }, slo = "payment-success")
	public Order place(CreateOrderRequest request, Order order) {
		ChargeResponse charge = this.payments.charge(new ChargeRequest("ord_" + UUID.randomUUID(),
				order.getTotalCents(), order.getCurrency(), order.getPaymentMethod()));
		order.paid(charge.chargeId());
		Order saved = this.orders.save(order);
		this.metrics.increment(OrderMeters.ORDERS_REVENUE, saved.getTotalCents(), OrderMeters.CURRENCY,
				saved.getCurrency());
		this.metrics.record(OrderMeters.ORDERS_VALUE, saved.getTotalCents(), OrderMeters.CURRENCY,
				saved.getCurrency());
		return saved;
	}

}
