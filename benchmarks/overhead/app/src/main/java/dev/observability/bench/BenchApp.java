package dev.observability.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The app every variant of the overhead benchmark runs. Each endpoint does as little as possible of its own, so
 * what observability adds per request is a large share of what the benchmark measures.
 */
@SpringBootApplication
public class BenchApp {

	public static void main(String[] args) {
		SpringApplication.run(BenchApp.class, args);
	}

	record Item(long id, String name, long priceCents) {
	}

	@RestController
	static class ItemsController {

		private static final Logger logger = LoggerFactory.getLogger(ItemsController.class);

		private final RestClient downstream;

		ItemsController(RestClient.Builder builder, @Value("${bench.downstream-url:http://127.0.0.1:9}") String url) {
			this.downstream = builder.baseUrl(url).build();
		}

		/** The trivial endpoint: a small JSON body. */
		@GetMapping("/api/items/{id}")
		Item item(@PathVariable long id) {
			return new Item(id, "item-" + id, 1000 + id);
		}

		/** One INFO line per request, through whatever logging the variant configures. */
		@GetMapping("/api/logged/{id}")
		Item logged(@PathVariable long id) {
			logger.info("Item {} looked up", id);
			return new Item(id, "item-" + id, 1000 + id);
		}

		/** One downstream call per request, through the auto-configured RestClient.Builder. */
		@GetMapping("/api/downstream/{id}")
		Item downstream(@PathVariable long id) {
			return this.downstream.get().uri("/stub/items/{id}", id).retrieve().body(Item.class);
		}

	}

	/**
	 * The benchmark's diagnostic hook: bytes allocated so far by all live threads of the JVM (HotSpot's per-thread
	 * TLAB accounting), read by the runner before and after a measured phase.
	 */
	@RestController
	static class DiagnosticsController {

		private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		@GetMapping("/bench/allocated")
		Map<String, Long> allocated() {
			long[] bytes = this.threads.getThreadAllocatedBytes(this.threads.getAllThreadIds());
			long total = 0;
			for (long b : bytes) {
				total += Math.max(b, 0);
			}
			return Map.of("bytes", total);
		}

	}

}
