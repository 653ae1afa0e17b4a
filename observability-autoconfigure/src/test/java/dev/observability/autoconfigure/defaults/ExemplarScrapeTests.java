package dev.observability.autoconfigure.defaults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on, the OpenMetrics scrape carries exemplars only where OpenMetrics allows them (counters and
 * histogram buckets): Micrometer's default also puts them on the {@code _count} of summaries and histograms,
 * and Prometheus 2.x then rejects the whole scrape ("does not support exemplars"), taking the target down.
 */
class ExemplarScrapeTests {

	@Test
	void scrapeHasExemplarsOnCountersButNotOnCountLines() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.tracing.sampling.probability=1.0")
			.run()) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Observation.createNotStarted("exemplar.test", context.getBean(ObservationRegistry.class)).observe(() -> {
				registry.timer("exemplar.timer").record(Duration.ofMillis(5));
				registry.summary("exemplar.summary").record(3);
				registry.counter("exemplar.counter").increment();
			});
			String scrape = scrape(context);
			List<String> lines = scrape.lines().filter((line) -> line.startsWith("exemplar_")).toList();
			assertThat(lines).filteredOn((line) -> line.startsWith("exemplar_counter_total"))
				.singleElement()
				.asString()
				.contains(" # {span_id=");
			assertThat(lines).filteredOn((line) -> line.startsWith("exemplar_timer_seconds_count")
					|| line.startsWith("exemplar_summary_count"))
				.hasSize(2);
			assertThat(lines).filteredOn((line) -> line.contains("_count{")).noneMatch((line) -> line.contains("#"));
		}
	}

	private static String scrape(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
				.header("Accept", "application/openmetrics-text;version=1.0.0")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
