package dev.observability.sample.orders;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.observability.business.BusinessEvent;
import dev.observability.business.BusinessMetrics;
import dev.observability.sample.catalog.Product;
import dev.observability.sample.catalog.ProductRepository;
import dev.observability.sample.payment.ChargeRequest;
import dev.observability.sample.payment.ChargeResponse;
import dev.observability.sample.payment.PaymentClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places and reads orders. A checkout prices the items from the catalog, charges the customer through the
 * payment provider and stores the paid order.
 */
@Service
public class OrderService {

	private final ProductRepository products;

	private final OrderRepository orders;

	private final PaymentClient payments;

	private final ObjectProvider<BusinessMetrics> metrics;

	private final ActiveCarts activeCarts;

	private final Clock clock;

	OrderService(ProductRepository products, OrderRepository orders, PaymentClient payments,
			ObjectProvider<BusinessMetrics> metrics, ActiveCarts activeCarts) {
		this.products = products;
		this.orders = orders;
		this.payments = payments;
		this.metrics = metrics;
		this.activeCarts = activeCarts;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Places an order: counted on {@code orders.placed} (outcome {@code failure} when pricing or payment
	 * fails) and fed to the {@code payment-success} SLO.
	 * @param request the checkout
	 * @return the paid order
	 */
	@BusinessEvent(value = OrderMeters.ORDERS_PLACED,
			tags = { "channel=#request.channel", "payment_method=#request.paymentMethod" }, slo = "payment-success")
	public OrderResponse checkout(CreateOrderRequest request) {
		this.activeCarts.opened();
		try {
			Order order = price(request);
			ChargeResponse charge = this.payments.charge(new ChargeRequest("ord_" + UUID.randomUUID(),
					order.getTotalCents(), request.currency(), request.paymentMethod()));
			order.paid(charge.chargeId());
			order = this.orders.save(order);
			long total = order.getTotalCents();
			String currency = order.getCurrency();
			this.metrics.ifAvailable((metrics) -> {
				metrics.increment(OrderMeters.ORDERS_REVENUE, total, OrderMeters.CURRENCY, currency);
				metrics.record(OrderMeters.ORDERS_VALUE, total, OrderMeters.CURRENCY, currency);
			});
			return OrderResponse.of(order);
		}
		finally {
			this.activeCarts.closed();
		}
	}

	/**
	 * Returns an order.
	 * @param id the order's id
	 * @return the order
	 * @throws OrderNotFoundException when there is no such order
	 */
	@Transactional(readOnly = true)
	public OrderResponse get(long id) {
		return this.orders.findById(id).map(OrderResponse::of).orElseThrow(() -> new OrderNotFoundException(id));
	}

	private Order price(CreateOrderRequest request) {
		Map<String, Integer> quantities = request.items()
			.stream()
			.collect(Collectors.toMap(CreateOrderRequest.Item::sku, CreateOrderRequest.Item::quantity, Integer::sum,
					LinkedHashMap::new));
		Map<String, Product> found = this.products.findAllById(quantities.keySet())
			.stream()
			.collect(Collectors.toMap(Product::getSku, Function.identity()));
		List<String> unknown = quantities.keySet().stream().filter((sku) -> !found.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			throw new UnknownProductException(unknown);
		}
		Order order = new Order(request.customerId(), request.channel(), request.paymentMethod(), request.currency(),
				"pending", this.clock.instant());
		quantities.forEach((sku, quantity) -> order.addLine(sku, quantity, found.get(sku).getPriceCents()));
		return order;
	}

}
