package dev.observability.autoconfigure.web;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The application of the web-stack suite: plain {@code @RestController} methods that run unchanged on Spring MVC
 * and WebFlux, with the whole auto-configuration (the starter's included). Nothing is component-scanned.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebStackApplication.Endpoints.class)
public class WebStackApplication {

	/** Logger of the lines the endpoints write while handling a request. */
	public static final String LOGGER = "dev.observability.test.handler";

	@RestController
	static class Endpoints {

		private static final Logger logger = LoggerFactory.getLogger(LOGGER);

		@GetMapping("/hello")
		String hello() {
			logger.info("hello handled");
			return "hello";
		}

		/** The MDC as the handler sees it: trace id, span id, request id. */
		@GetMapping("/mdc")
		Map<String, String> mdc() {
			return Map.of("trace_id", String.valueOf(MDC.get("traceId")), "span_id", String.valueOf(MDC.get("spanId")),
					"request_id", String.valueOf(MDC.get("request_id")));
		}

		/** Logs in the handler and again on another thread after a delay (a reactive operator on WebFlux). */
		@GetMapping("/log")
		Mono<String> log() {
			logger.info("handler line");
			return Mono.delay(Duration.ofMillis(5)).map((tick) -> {
				logger.info("operator line");
				return "logged";
			});
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/api/items/{id}")
		Map<String, String> item(@PathVariable String id, @RequestParam(defaultValue = "0") long delayMs) {
			if (delayMs > 0) {
				sleep(delayMs);
			}
			return Map.of("id", id);
		}

		@GetMapping("/api/items/{id}/fail")
		Map<String, String> fail(@PathVariable String id) {
			throw new IllegalStateException("boom " + id);
		}

		@GetMapping("/api/items/{id}/missing")
		Map<String, String> missing(@PathVariable String id) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no item " + id);
		}

		@PostMapping("/api/items")
		ResponseEntity<Void> create() {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}

		/** A large body, for clients that disconnect mid-response. */
		@GetMapping("/api/stream")
		String large(@RequestParam(defaultValue = "4") int megabytes) {
			return "x".repeat(megabytes * 1024 * 1024);
		}

		/** Answers after a while without holding a thread, for clients that disconnect before the response. */
		@GetMapping("/api/slow")
		Mono<String> slow() {
			logger.info("slow handler started");
			return Mono.delay(Duration.ofMillis(1500)).map((tick) -> "slow");
		}

		/** Reads a query parameter: a malformed query fails while the container parses it. */
		@PostMapping("/api/checkout")
		String checkout(@RequestParam(required = false) String x) {
			return "checked out";
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis); // simulated slow work, not synchronisation
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
