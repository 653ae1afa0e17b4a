package dev.observability.sample.orders;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<OrderResponse> checkout(@Valid @RequestBody CreateOrderRequest request) {
		OrderResponse order = this.orders.checkout(request);
		return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
	}

	@GetMapping("/{id}")
	OrderResponse get(@PathVariable long id) {
		return this.orders.get(id);
	}

}
