package dev.observability.sample.traffic;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicInteger;

import dev.observability.sample.catalog.CatalogSeeder;

/**
 * Draws the next request of simulated customers: mostly catalog reads and checkouts over every channel,
 * payment method and currency, some order look-ups, and a few requests that fail on the client's side
 * (unknown SKUs and orders, invalid checkouts).
 */
class TrafficMix {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String baseUrl;

	private final AtomicLongArray recentOrderIds = new AtomicLongArray(64);

	private final AtomicInteger recentOrders = new AtomicInteger();

	TrafficMix(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	HttpRequest next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int roll = random.nextInt(100);
		if (roll < 25) {
			return get("/api/catalog");
		}
		if (roll < 50) {
			String sku = (random.nextInt(100) < 8) ? "RETIRED-" + random.nextInt(10) : pick(CatalogSeeder.SKUS);
			return get("/api/catalog/" + sku);
		}
		if (roll < 85) {
			return post("/api/orders", checkout(random, false));
		}
		if (roll < 88) {
			return post("/api/orders", checkout(random, true));
		}
		if (roll < 90) {
			return post("/api/orders", "{\"customerId\":\"\",\"channel\":\"fax\",\"items\":[]}");
		}
		return get("/api/orders/" + recentOrderId(random));
	}

	void orderPlaced(long id) {
		int slot = Math.floorMod(this.recentOrders.getAndIncrement(), this.recentOrderIds.length());
		this.recentOrderIds.set(slot, id);
	}

	private long recentOrderId(ThreadLocalRandom random) {
		int known = Math.min(this.recentOrders.get(), this.recentOrderIds.length());
		if (known == 0 || random.nextInt(100) < 10) {
			return 900_000_000L + random.nextInt(1000);
		}
		return this.recentOrderIds.get(random.nextInt(known));
	}

	private String checkout(ThreadLocalRandom random, boolean unknownSku) {
		String channel = weighted(random, "web", 60, "mobile", 30, "partner", 10);
		String paymentMethod = weighted(random, "card", 60, "paypal", 30, "invoice", 10);
		String currency = weighted(random, "EUR", 50, "USD", 35, "GBP", 15);
		List<String> items = new ArrayList<>();
		int lines = 1 + random.nextInt(3);
		for (int i = 0; i < lines; i++) {
			String sku = (unknownSku && i == 0) ? "RETIRED-" + random.nextInt(10) : pick(CatalogSeeder.SKUS);
			items.add("{\"sku\":\"" + sku + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}");
		}
		return "{\"customerId\":\"customer-" + random.nextInt(500) + "\",\"channel\":\"" + channel
				+ "\",\"paymentMethod\":\"" + paymentMethod + "\",\"currency\":\"" + currency + "\",\"items\":["
				+ String.join(",", items) + "]}";
	}

	private static String weighted(ThreadLocalRandom random, String a, int weightA, String b, int weightB, String c,
			int weightC) {
		int roll = random.nextInt(weightA + weightB + weightC);
		return (roll < weightA) ? a : (roll < weightA + weightB) ? b : c;
	}

	private static String pick(List<String> values) {
		return values.get(ThreadLocalRandom.current().nextInt(values.size()));
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(TIMEOUT)
			.header("Accept", "application/json")
			.GET()
			.build();
	}

	private HttpRequest post(String path, String json) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

}
