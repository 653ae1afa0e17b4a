package dev.observability.sample.orders;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.observability.sample.catalog.Product;
import dev.observability.sample.catalog.ProductRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places and reads orders. A checkout prices the items from the catalog (an unknown SKU is the client's
 * error), then the {@link Checkout} charges the customer through the payment provider and stores the paid
 * order, then publishes an {@code order-placed} event for fulfilment.
 */
@Service
public class OrderService {

	private final ProductRepository products;

	private final OrderRepository orders;

	private final Checkout checkout;

	private final ActiveCarts activeCarts;

	private final Clock clock;

	private final OrderPlacedPublisher events;

	OrderService(ProductRepository products, OrderRepository orders, Checkout checkout, ActiveCarts activeCarts,
			OrderPlacedPublisher events) {
		this.events = events;
		this.products = products;
		this.orders = orders;
		this.checkout = checkout;
		this.activeCarts = activeCarts;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Places an order.
	 * @param request the checkout
	 * @return the paid order
	 * @throws UnknownProductException when an item is not in the catalog
	 */
	public OrderResponse checkout(CreateOrderRequest request) {
		Order order = price(request);
		this.activeCarts.opened();
		try {
			Order placed = this.checkout.place(request, order);
			this.events.placed(placed);
			return OrderResponse.of(placed);
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
