package dev.observability.autoconfigure.defaults;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The computed bucket defaults as Spring Boot's {@code PropertiesMeterFilter} applies them, read from a real
 * Prometheus scrape: exact buckets on the server and client request timers, none on their long-task timers.
 */
class RequestLatencyBucketsScrapeTests {

	private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> new ObservabilityDefaultsEnvironmentPostProcessor()
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class));

	@Test
	void serverAndClientRequestsHaveTheExactBucketsAndTheirLongTaskTimersNone() {
		this.contextRunner
			.withPropertyValues("observability.slo.objectives.search.type=latency",
					"observability.slo.objectives.search.threshold=250ms")
			.run((context) -> {
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				String scrape = record(registry, "http.server.requests", "http.client.requests");
				for (String timer : List.of("http_server_requests_seconds", "http_client_requests_seconds")) {
					assertThat(buckets(scrape, timer)).contains("0.1", "0.25", "0.3", "1.0", "1.2", "+Inf");
					assertThat(scrape).contains(timer.replace("_seconds", "_active_seconds_count"));
					assertThat(buckets(scrape, timer.replace("_seconds", "_active_seconds"))).isEmpty();
				}
			});
	}

	@Test
	void aRenamedServerTimerGetsTheBuckets() {
		this.contextRunner.withPropertyValues("management.observations.http.server.requests.name=inbound")
			.run((context) -> {
				String scrape = record(context.getBean(PrometheusMeterRegistry.class), "inbound", "http.client.requests");
				assertThat(buckets(scrape, "inbound_seconds")).contains("0.1", "0.3", "1.0", "1.2");
				assertThat(buckets(scrape, "inbound_active_seconds")).isEmpty();
			});
	}

	@Test
	void aUserBucketPropertyReplacesTheStartersBuckets() {
		this.contextRunner.withPropertyValues("management.metrics.distribution.slo.http.server.requests=5s")
			.run((context) -> {
				String scrape = record(context.getBean(PrometheusMeterRegistry.class), "http.server.requests",
						"http.client.requests");
				assertThat(buckets(scrape, "http_server_requests_seconds")).contains("5.0").doesNotContain("0.3");
				assertThat(buckets(scrape, "http_client_requests_seconds")).contains("0.3", "1.2");
			});
	}

	private static String record(PrometheusMeterRegistry registry, String... timers) {
		for (String name : timers) {
			Timer.builder(name).tag("uri", "/api/orders").register(registry).record(Duration.ofMillis(20));
			LongTaskTimer.builder(name + ".active").tag("uri", "/api/orders").register((MeterRegistry) registry).start();
		}
		return registry.scrape();
	}

	private static List<String> buckets(String scrape, String timer) {
		return scrape.lines().filter((line) -> line.startsWith(timer + "_bucket{")).map((line) -> {
			Matcher le = LE.matcher(line);
			return le.find() ? le.group(1) : line;
		}).toList();
	}

}
