package dev.observability.autoconfigure.propagation;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.observability.autoconfigure.web.RunningApp;
import dev.observability.autoconfigure.web.WebStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two services in one JVM, each on the stack under test: the checkout service's handler calls the payment service
 * through a client from Spring Boot's builder (a {@code RestClient} on Spring MVC, a {@code WebClient} on WebFlux).
 * For every request the same request id is on the checkout response, in the header the payment service received,
 * and in both services' JSON log lines, which share one trace.
 */
class TwoServicesRequestIdWebStackTests {

	private static final int REQUESTS = 8;

	static final String CHECKOUT_LOGGER = "dev.observability.test.checkout";

	static final String PAYMENT_LOGGER = "dev.observability.test.payment";

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theRequestIdCrossesTheServiceBoundary(WebStack stack) {
		try (RunningApp payment = stack.start(PaymentService.class, "spring.application.name=payment",
				"management.tracing.sampling.probability=1.0")) {
			try (RunningApp checkout = stack.start(CheckoutService.class, "spring.application.name=checkout",
					"management.tracing.sampling.probability=1.0", "payment.url=" + payment.baseUrl())) {
				Set<String> requestIds = new HashSet<>();
				for (int i = 0; i < REQUESTS; i++) {
					String order = "order-" + i;
					// every other request brings its own id; the others get one generated at the checkout service
					HttpResponse<String> response = (i % 2 == 0)
							? checkout.get("/checkout?order=" + order, "X-Request-ID", "client-id-" + i + "-abcdef")
							: checkout.get("/checkout?order=" + order);
					assertThat(response.statusCode()).isEqualTo(200);
					String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
					if (i % 2 == 0) {
						assertThat(requestId).isEqualTo("client-id-" + i + "-abcdef");
					}
					requestIds.add(requestId);
					assertThat(response.body()).as("the header the payment service received")
						.isEqualTo("paid " + order + " under " + requestId);
					// the checkout app's capture sees both services' lines (one Logback context in this JVM)
					await().untilAsserted(() -> {
						assertThat(lines(checkout, CHECKOUT_LOGGER, order)).hasSize(1);
						assertThat(lines(checkout, PAYMENT_LOGGER, order)).hasSize(1);
					});
					JsonNode checkoutLine = lines(checkout, CHECKOUT_LOGGER, order).get(0);
					JsonNode paymentLine = lines(checkout, PAYMENT_LOGGER, order).get(0);
					assertThat(checkoutLine.path("request_id").asString()).isEqualTo(requestId);
					assertThat(paymentLine.path("request_id").asString()).isEqualTo(requestId);
					assertThat(paymentLine.path("trace_id").asString()).hasSize(32)
						.isEqualTo(checkoutLine.path("trace_id").asString());
				}
				assertThat(requestIds).as("one id per request").hasSize(REQUESTS);
			}
		}
	}

	private static List<JsonNode> lines(RunningApp app, String logger, String order) {
		return app.logs()
			.events((event) -> logger.equals(event.path("logger").asString())
					&& event.path("message").asString().endsWith(" " + order));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(PaymentService.Endpoints.class)
	static class PaymentService {

		@RestController
		static class Endpoints {

			private static final Logger logger = LoggerFactory.getLogger(PAYMENT_LOGGER);

			@GetMapping("/pay")
			String pay(@RequestParam String order, @RequestHeader("X-Request-ID") String received) {
				logger.info("paying " + order);
				return "paid " + order + " under " + received;
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(CheckoutService.Endpoints.class)
	static class CheckoutService {

		@RestController
		static class Endpoints {

			private static final Logger logger = LoggerFactory.getLogger(CHECKOUT_LOGGER);

			private final RestClient restClient;

			private final WebClient webClient;

			private final boolean reactive;

			Endpoints(RestClient.Builder restClient, WebClient.Builder webClient, @Value("${payment.url}") String url,
					org.springframework.context.ApplicationContext context) {
				this.restClient = restClient.baseUrl(url).build();
				this.webClient = webClient.baseUrl(url).build();
				this.reactive = context instanceof org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
			}

			@GetMapping("/checkout")
			Mono<String> checkout(@RequestParam String order) {
				logger.info("checking out " + order);
				if (this.reactive) {
					return this.webClient.get().uri("/pay?order={order}", order).retrieve().bodyToMono(String.class);
				}
				return Mono.just(this.restClient.get().uri("/pay?order={order}", order).retrieve().body(String.class));
			}

		}

	}

}
