package dev.observability.sample;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code observability.enabled=false} is an operator's kill switch: the sample, written against the starter's
 * public API ({@code BusinessMetrics}, {@code @BusinessEvent}, SLO objectives), still starts and serves
 * checkouts, with no observability added.
 */
class KillSwitchTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theSampleServesCheckoutsWithObservabilitySwitchedOff() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--observability.enabled=false",
				"--sample.payment.failure-rate=0", "--sample.payment.decline-rate=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> created = OrdersServiceApiTests.send(this.http, port, "POST", "/api/orders",
					OrdersServiceApiTests.order("web", "card", "EUR", "BOOK-001", 1));
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(created.headers().firstValue("X-Trace-Id")).isEmpty();
			assertThat(OrdersServiceApiTests.send(this.http, port, "GET", "/actuator/prometheus", null).statusCode())
				.isEqualTo(404);
		}
	}

}
