package dev.observability.sample;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.observability.sample.traffic.TrafficGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The traffic generator, switched on as the README's run command does, drives the service's own API with a
 * mix of catalog reads, checkouts and client errors, and stops on request. The context is closed afterwards
 * so no other test sees its traffic.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.traffic.enabled=true", "sample.traffic.rate=40" })
@DirtiesContext
class TrafficGeneratorTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private TrafficGenerator generator;

	@Test
	void generatesAMixOfCatalogReadsCheckoutsAndClientErrorsUntilStopped() throws Exception {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.fetch(this.http, this.port);
			assertThat(scrape.sum("http_server_requests_seconds_count", "uri", "/api/catalog", "status", "200"))
				.isPositive();
			assertThat(scrape.sum("http_server_requests_seconds_count", "uri", "/api/catalog/{sku}", "status", "404"))
				.isPositive();
			assertThat(scrape.sum("http_server_requests_seconds_count", "uri", "/api/orders", "method", "POST",
					"status", "201"))
				.isPositive();
			assertThat(scrape.sum("http_server_requests_seconds_count", "uri", "/api/orders/{id}", "status", "200"))
				.isPositive();
			assertThat(scrape.sum("http_client_requests_seconds_count", "uri", "/simulated-payments/charges"))
				.isPositive();
		});
		assertThat(this.generator.status().running()).isTrue();

		assertThat(OrdersServiceApiTests.send(this.http, this.port, "PUT", "/admin/traffic", "{\"running\":false}")
			.body()).contains("\"running\":false");
		long sentWhenStopped = this.generator.status().sent();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.generator.status().sent() <= sentWhenStopped + 1);
	}

}
