package dev.observability.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.observability.sample.payment.PaymentProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders service's API over real HTTP: checkout through the payment provider, order and catalog reads,
 * the errors it answers, and fault injection changed at runtime. Shares its application context with
 * {@link OrdersServiceScrapeTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrdersServiceApiTests {

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private PaymentProperties payment;

	private double failureRate;

	private double declineRate;

	@BeforeEach
	void makePaymentsSucceed() {
		this.failureRate = this.payment.getFailureRate();
		this.declineRate = this.payment.getDeclineRate();
		this.payment.setFailureRate(0.0);
		this.payment.setDeclineRate(0.0);
	}

	@AfterEach
	void restorePaymentsAndFaults() throws Exception {
		this.payment.setFailureRate(this.failureRate);
		this.payment.setDeclineRate(this.declineRate);
		send("DELETE", "/admin/faults", null);
	}

	@Test
	void checkoutCreatesAPaidOrderThatCanBeReadBack() throws Exception {
		HttpResponse<String> created = send("POST", "/api/orders", order("web", "card", "EUR", "BOOK-001", 2));
		assertThat(created.statusCode()).isEqualTo(201);
		Matcher id = ID.matcher(created.body());
		assertThat(id.find()).as(created.body()).isTrue();
		assertThat(created.headers().firstValue("Location")).hasValue("/api/orders/" + id.group(1));
		assertThat(created.body()).contains("\"totalCents\":8598", "\"status\":\"PAID\"", "\"paymentReference\":\"ch_");

		HttpResponse<String> read = send("GET", "/api/orders/" + id.group(1), null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"id\":" + id.group(1), "\"channel\":\"web\"",
				"{\"sku\":\"BOOK-001\",\"quantity\":2,\"unitPriceCents\":4299}");
	}

	@Test
	void catalogListsTheSeededProductsAndAnswers404ForAnUnknownSku() throws Exception {
		HttpResponse<String> list = send("GET", "/api/catalog", null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"sku\":\"BOOK-001\"", "\"sku\":\"TSHIRT-1\"");
		assertThat(send("GET", "/api/catalog/KBD-001", null).body()).contains("\"priceCents\":12900");
		HttpResponse<String> missing = send("GET", "/api/catalog/NOPE-1", null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("No product with SKU 'NOPE-1'");
		assertThat(send("GET", "/api/orders/987654321", null).statusCode()).isEqualTo(404);
	}

	@Test
	void invalidCheckoutIsRejectedWithTheInvalidFields() throws Exception {
		HttpResponse<String> response = send("POST", "/api/orders",
				"{\"customerId\":\"c-1\",\"channel\":\"fax\",\"paymentMethod\":\"card\",\"currency\":\"EUR\",\"items\":[]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"channel\"", "must be one of web, mobile, partner",
				"\"field\":\"items\"");
	}

	@Test
	void checkoutOfAnUnknownSkuIsUnprocessable() throws Exception {
		HttpResponse<String> response = send("POST", "/api/orders", order("web", "card", "EUR", "RETIRED-1", 1));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("Not in the catalog: RETIRED-1");
	}

	@Test
	void declinedPaymentAnswers402WithTheReason() throws Exception {
		this.payment.setDeclineRate(1.0);
		HttpResponse<String> response = send("POST", "/api/orders", order("mobile", "card", "USD", "MUG-001", 1));
		assertThat(response.statusCode()).isEqualTo(402);
		assertThat(response.body()).contains("\"title\":\"Payment declined\"", "\"reason\":\"");
	}

	@Test
	void failingPaymentProviderAnswers502() throws Exception {
		this.payment.setFailureRate(1.0);
		HttpResponse<String> response = send("POST", "/api/orders", order("partner", "invoice", "GBP", "MUG-001", 1));
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).contains("Payment provider unavailable");
	}

	@Test
	void injectedErrorsFailRequestsUnderThePrefixUntilTurnedOff() throws Exception {
		HttpResponse<String> put = send("PUT", "/admin/faults", "{\"errorRate\":1.0,\"pathPrefix\":\"/api/catalog\"}");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(send("GET", "/admin/faults", null).body())
			.isEqualTo("{\"errorRate\":1.0,\"extraLatency\":\"0ms\",\"pathPrefix\":\"/api/catalog\"}");
		HttpResponse<String> failed = send("GET", "/api/catalog", null);
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).contains("Injected fault on /api/catalog");
		assertThat(send("GET", "/api/orders/987654321", null).statusCode()).as("outside the prefix").isEqualTo(404);

		assertThat(send("PUT", "/admin/faults", "{\"errorRate\":0.0}").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/catalog", null).statusCode()).isEqualTo(200);
	}

	@Test
	void injectedLatencyDelaysRequestsUnderThePrefixUntilReset() throws Exception {
		send("PUT", "/admin/faults", "{\"extraLatency\":\"1s\",\"pathPrefix\":\"/api/catalog\"}");
		assertThat(timeOf("/api/catalog")).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(send("DELETE", "/admin/faults", null).body())
			.isEqualTo("{\"errorRate\":0.0,\"extraLatency\":\"0ms\",\"pathPrefix\":\"/api\"}");
		assertThat(timeOf("/api/catalog")).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void invalidFaultsAreRejectedAndLeaveTheCurrentOnesInForce() throws Exception {
		HttpResponse<String> response = send("PUT", "/admin/faults", "{\"errorRate\":1.5}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid errorRate '1.5': must be a ratio between 0 and 1");
		assertThat(send("PUT", "/admin/faults", "{\"extraLatency\":\"soon\"}").body())
			.contains("Invalid extraLatency 'soon'");
		assertThat(send("GET", "/admin/faults", null).body()).contains("\"errorRate\":0.0");
	}

	private Duration timeOf(String path) throws IOException, InterruptedException {
		long start = System.nanoTime();
		assertThat(send("GET", path, null).statusCode()).isEqualTo(200);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	static String order(String channel, String paymentMethod, String currency, String sku, int quantity) {
		return "{\"customerId\":\"customer-42\",\"channel\":\"" + channel + "\",\"paymentMethod\":\"" + paymentMethod
				+ "\",\"currency\":\"" + currency + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
				+ "}]}";
	}

	private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
		return send(this.http, this.port, method, path, json);
	}

	static HttpResponse<String> send(HttpClient http, int port, String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
