package dev.observability.sample;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.observability.sample.support.PrometheusServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with {@link TestcontainersConfiguration}, as {@code spring-boot:test-run} starts it: the datasource is
 * the PostgreSQL container's (not the embedded H2 of {@code application.yml}), a checkout made over HTTP is a row
 * in that container's database, the scrape reports the connection pool that serves it, and a Prometheus with the
 * repository's rules scrapes the application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = SampleApplication.class,
		properties = { "sample.payment.failure-rate=0", "sample.payment.decline-rate=0" })
@Import(TestcontainersConfiguration.class)
@EnabledIf(value = "dev.observability.sample.support.DockerEngine#useContainers",
		disabledReason = "no Docker engine answers: the PostgreSQL container cannot run (CI=true fails instead)")
class TestcontainersConfigurationTests {

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PostgreSQLContainer postgres;

	@Autowired
	private TestcontainersConfiguration.SamplePrometheus prometheus;

	@Test
	void datasourceIsTheContainersPostgresql() throws Exception {
		assertThat(this.postgres.isRunning()).isTrue();
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			assertThat(connection.getMetaData().getURL()).isEqualTo(this.postgres.getJdbcUrl());
		}
	}

	@Test
	void checkoutIsStoredInTheContainerAndTheScrapeShowsItsPool() throws Exception {
		HttpResponse<String> created = OrdersServiceApiTests.send(this.http, this.port, "POST", "/api/orders",
				OrdersServiceApiTests.order("web", "card", "EUR", "BOOK-001", 2));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Matcher id = ID.matcher(created.body());
		assertThat(id.find()).as(created.body()).isTrue();

		// read back past the application: straight from the container, with its own credentials
		try (Connection connection = DriverManager.getConnection(this.postgres.getJdbcUrl(), this.postgres.getUsername(),
				this.postgres.getPassword()); Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("select channel from orders where id = " + id.group(1))) {
			assertThat(row.next()).as("order %s in the container's database", id.group(1)).isTrue();
			assertThat(row.getString(1)).isEqualTo("web");
		}

		PrometheusScrape scrape = PrometheusScrape.fetch(this.http, this.port);
		assertThat(scrape.samples("hikaricp_connections_max")).isNotEmpty();
		assertThat(scrape.sum("orders_placed_total", "channel", "web")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void prometheusWithTheRepositoryRulesScrapesTheSample() {
		PrometheusServer server = this.prometheus.server();
		assertThat(server).as("started with the web server").isNotNull();
		server.awaitTargetsUp(Duration.ofSeconds(60));
		assertThat(server.queryValue("up{job=\"orders-service\", instance=\"127.0.0.1:" + this.port + "\"}")).hasValue(1.0);
		assertThat(server.queryValue("count(hikaricp_connections_max{job=\"orders-service\"})")).hasValue(1.0);
		assertThat(server.ruleGroups()).extracting((group) -> group.path("name").asString())
			.contains("slo", "slo-increase5m", "http-recording");
	}

}
