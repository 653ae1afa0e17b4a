package dev.observability.sample;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

import dev.observability.sample.PrometheusScrape.Sample;
import dev.observability.sample.payment.PaymentProperties;
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
		assertThat(scrape.samples("http_client_requests_seconds_bucket", "uri", "/simulated-payments/charges"))
			.isNotEmpty();
		assertThat(scrape.sum("http_server_requests_seconds_count", "uri", "/api/orders", "method", "POST", "status",
				"201"))
			.isGreaterThanOrEqualTo(1);
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

	private HttpResponse<String> get(String path) throws Exception {
		return OrdersServiceApiTests.send(this.http, this.port, "GET", path, null);
	}

	private PrometheusScrape scrape() throws Exception {
		return PrometheusScrape.fetch(this.http, this.port);
	}

}
