package dev.observability.sample;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

import dev.observability.business.BusinessMetrics;
import dev.observability.sample.PrometheusScrape.Sample;
import dev.observability.sample.payment.PaymentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter makes of the orders service, read from the real {@code /actuator/prometheus} text after
 * real requests. Shares its application context with {@link OrdersServiceApiTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrdersServiceScrapeTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private PaymentProperties payment;

	@Autowired
	private BusinessMetrics businessMetrics;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void serverRequestsHaveBucketsAtTheSloBoundariesTheApdexThresholdAndFourTimesIt() throws Exception {
		assertThat(get("/api/catalog").statusCode()).isEqualTo(200);
		List<Sample> buckets = scrape().samples("http_server_requests_seconds_bucket", "uri", "/api/catalog",
				"method", "GET", "status", "200");
		assertThat(buckets).extracting((bucket) -> bucket.labels().get("le"))
			.contains("0.1", "0.3", "1.0", "1.2", "+Inf");
		assertThat(buckets).filteredOn((bucket) -> bucket.labels().get("le").equals("+Inf"))
			.singleElement()
			.satisfies((bucket) -> assertThat(bucket.value()).isGreaterThanOrEqualTo(1));
	}

	@Test
	void actuatorRequestsAreNotRecordedAsServerRequests() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		scrape();
		PrometheusScrape scrape = scrape();
		assertThat(scrape.samples("http_server_requests_seconds_count")).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.labels().get("uri")).doesNotStartWith("/actuator"));
		assertThat(scrape.text()).doesNotContain("uri=\"/actuator");
	}

	@Test
	void everySeriesCarriesTheApplicationTag() throws Exception {
		get("/api/catalog");
		PrometheusScrape scrape = scrape();
		assertThat(scrape.samples("http_server_requests_seconds_count"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", "orders-service"));
		assertThat(scrape.samples("jvm_memory_used_bytes"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", "orders-service"));
	}

	@Test
	void checkoutRecordsThePaymentProviderCallAsAClientRequestWithHistogram() throws Exception {
		double failureRate = this.payment.getFailureRate();
		double declineRate = this.payment.getDeclineRate();
		this.payment.setFailureRate(0.0);
		this.payment.setDeclineRate(0.0);
		try {
			HttpResponse<String> created = OrdersServiceApiTests.send(this.http, this.port, "POST", "/api/orders",
					OrdersServiceApiTests.order("web", "paypal", "EUR", "SOCK-001", 3));
			assertThat(created.statusCode()).isEqualTo(201);
		}
		finally {
			this.payment.setFailureRate(failureRate);
			this.payment.setDeclineRate(declineRate);
		}
		PrometheusScrape scrape = scrape();
		assertThat(scrape.sum("http_client_requests_seconds_count", "uri", "/simulated-payments/charges", "method",
				"POST", "status", "200", "application", "orders-service"))
			.isGreaterThanOrEqualTo(1);
		// outgoing calls get the same exact buckets as incoming ones (latency SLOs on outgoing calls)
		assertThat(scrape.samples("http_client_requests_seconds_bucket", "uri", "/simulated-payments/charges"))
			.extracting((bucket) -> bucket.labels().get("le"))
			.contains("0.1", "0.3", "1.0", "1.2", "+Inf");
		assertThat(scrape.sum("http_server_requests_seconds_count", "uri", "/api/orders", "method", "POST", "status",
				"201"))
			.isGreaterThanOrEqualTo(1);
		// the in-flight long-task timers share the histogram prefixes but stay plain (no buckets)
		assertThat(scrape.samples("http_client_requests_active_seconds_count")).isNotEmpty();
		assertThat(scrape.text()).doesNotContain("http_client_requests_active_seconds_bucket")
			.doesNotContain("http_server_requests_active_seconds_bucket");
	}

	@Test
	void injectedFaultsShowAsServerErrorsOfTheRouteWithTheirException() throws Exception {
		OrdersServiceApiTests.send(this.http, this.port, "PUT", "/admin/faults",
				"{\"errorRate\":1.0,\"pathPrefix\":\"/api/catalog/\"}");
		try {
			assertThat(get("/api/catalog/BOOK-002").statusCode()).isEqualTo(500);
		}
		finally {
			OrdersServiceApiTests.send(this.http, this.port, "DELETE", "/admin/faults", null);
		}
		assertThat(scrape().sum("http_server_requests_seconds_count", "uri", "/api/catalog/{sku}", "status", "500",
				"outcome", "SERVER_ERROR", "exception", "InjectedFaultException"))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void saturationSeriesAreRatiosBetweenZeroAndOneForHeapCpuTomcatAndTheHikariPool() throws Exception {
		List<Sample> saturation = scrape().samples("saturation");
		assertThat(saturation).extracting((sample) -> sample.labels().get("resource"))
			.contains("jvm.heap", "cpu", "tomcat.threads")
			.anySatisfy((resource) -> assertThat(resource).startsWith("hikari."));
		assertThat(saturation).allSatisfy((sample) -> {
			assertThat(sample.labels()).containsEntry("application", "orders-service");
			assertThat(sample.value()).isBetween(0.0, 1.0);
		});
	}

	@Test
	void checkoutRecordsTheBusinessMetersWithTheirTagsAndFeedsThePaymentSlo() throws Exception {
		String[] placed = { "channel", "partner", "payment_method", "paypal", "outcome", "success" };
		String[] declined = { "channel", "mobile", "payment_method", "card", "outcome", "failure" };
		PrometheusScrape before = scrape();
		assertThat(placeOrder("partner", "paypal", "GBP", "SOCK-001", 3, 0.0)).isEqualTo(201);
		assertThat(placeOrder("mobile", "card", "GBP", "MUG-001", 1, 1.0)).isEqualTo(402);
		PrometheusScrape after = scrape();

		assertThat(after.sum("orders_placed_total", placed) - before.sum("orders_placed_total", placed)).isEqualTo(1);
		assertThat(after.sum("orders_placed_total", declined) - before.sum("orders_placed_total", declined))
			.isEqualTo(1);
		assertThat(after.samples("orders_placed_total")).allSatisfy((sample) -> assertThat(sample.labels().keySet())
			.containsExactlyInAnyOrder("application", "channel", "payment_method", "outcome"));
		assertThat(after.sum("orders_revenue_cents_total", "currency", "GBP")
				- before.sum("orders_revenue_cents_total", "currency", "GBP"))
			.isEqualTo(3 * 990);
		assertThat(after.sum("orders_value_cents_count", "currency", "GBP")
				- before.sum("orders_value_cents_count", "currency", "GBP"))
			.isEqualTo(1);
		assertThat(after.sum("orders_value_cents_sum", "currency", "GBP")
				- before.sum("orders_value_cents_sum", "currency", "GBP"))
			.isEqualTo(3 * 990);
		assertThat(after.samples("carts_active")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isZero());
		String[] good = { "slo", "payment-success", "outcome", "good" };
		String[] bad = { "slo", "payment-success", "outcome", "bad" };
		assertThat(after.sum("slo_events_total", good) - before.sum("slo_events_total", good)).isEqualTo(1);
		assertThat(after.sum("slo_events_total", bad) - before.sum("slo_events_total", bad)).isEqualTo(1);
	}

	@Test
	void floodOf5000DistinctTagValuesStaysWithinTheCaps() throws Exception {
		for (String channel : List.of("web", "mobile", "partner")) {
			this.businessMetrics.increment("orders.placed", 0.0, "channel", channel, "payment_method", "card");
		}
		for (int i = 0; i < 5_000; i++) {
			this.businessMetrics.increment("orders.placed", "channel", "flood-" + i, "payment_method", "card");
			this.meterRegistry.counter("sample.flood", "request_id", "r-" + i).increment();
		}
		PrometheusScrape scrape = scrape();

		List<String> channels = scrape.samples("orders_placed_total")
			.stream()
			.map((sample) -> sample.labels().get("channel"))
			.distinct()
			.toList();
		assertThat(channels).contains("web", "mobile", "partner", BusinessMetrics.OVERFLOW_TAG_VALUE)
			.hasSizeLessThanOrEqualTo(100 + 1);
		assertThat(scrape.sum("orders_placed_total", "channel", BusinessMetrics.OVERFLOW_TAG_VALUE))
			.isGreaterThanOrEqualTo(5_000 - 100);
		assertThat(scrape.sum("observability_business_tag_overflow_total", "meter", "orders.placed", "tag", "channel"))
			.isGreaterThanOrEqualTo(5_000 - 100);

		assertThat(scrape.samples("sample_flood_total")).hasSize(2_000);
		assertThat(scrape.sum("sample_flood_total")).as("folded into OTHER, the total is kept").isEqualTo(5_000);
		assertThat(scrape.sum("observability_cardinality_overflow_total", "meter", "sample.flood")).isEqualTo(3_001);
		assertThat(get("/api/catalog").statusCode()).as("the service still works").isEqualTo(200);
	}

	private int placeOrder(String channel, String paymentMethod, String currency, String sku, int quantity,
			double declineRate) throws Exception {
		double failureRate = this.payment.getFailureRate();
		double declineRateBefore = this.payment.getDeclineRate();
		this.payment.setFailureRate(0.0);
		this.payment.setDeclineRate(declineRate);
		try {
			return OrdersServiceApiTests
				.send(this.http, this.port, "POST", "/api/orders",
						OrdersServiceApiTests.order(channel, paymentMethod, currency, sku, quantity))
				.statusCode();
		}
		finally {
			this.payment.setFailureRate(failureRate);
			this.payment.setDeclineRate(declineRateBefore);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return OrdersServiceApiTests.send(this.http, this.port, "GET", path, null);
	}

	private PrometheusScrape scrape() throws Exception {
		return PrometheusScrape.fetch(this.http, this.port);
	}

}
