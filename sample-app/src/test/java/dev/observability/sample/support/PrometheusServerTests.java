package dev.observability.sample.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The harness itself against a tiny in-test exporter: Prometheus starts (a container where a Docker engine
 * answers), scrapes, evaluates the rule files it was given, answers queries and alerts, and leaves nothing behind.
 */
class PrometheusServerTests {

	private final AtomicLong events = new AtomicLong();

	private HttpServer exporter;

	@BeforeEach
	void startExporter() throws IOException {
		this.exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.exporter.createContext("/metrics", (exchange) -> {
			long count = this.events.addAndGet(10);
			byte[] body = ("# TYPE test_events_total counter\ntest_events_total{application=\"harness\"} " + count + "\n")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.exporter.start();
	}

	@AfterEach
	void stopExporter() {
		this.exporter.stop(0);
	}

	@Test
	void scrapesTargetsEvaluatesGivenRulesAndCleansUp(@TempDir Path rules) throws IOException {
		Path ruleFile = Files.writeString(rules.resolve("harness.yml"), """
				groups:
				  - name: harness
				    interval: 2m
				    rules:
				      - record: application:test_events:rate10s
				        expr: sum by (application) (rate(test_events_total[10s]))
				      - record: application:test_events:increase2m
				        expr: sum by (application) (increase(test_events_total[2m]))
				      - alert: HarnessEventsFlowing
				        expr: application:test_events:rate10s > 0
				        labels:
				          severity: info
				""");
		PrometheusServer prometheus = PrometheusServer.builder()
			.scrape("harness", "127.0.0.1:" + this.exporter.getAddress().getPort(), "/metrics")
			.ruleFiles(ruleFile)
			.start();
		try (prometheus) {
			prometheus.awaitTargetsUp(Duration.ofSeconds(30));
			assertThat(prometheus.queryValue("up{job=\"harness\"}")).hasValue(1.0);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(prometheus.queryValue("application:test_events:rate10s{application=\"harness\"}"))
					.isPresent()
					.satisfies((rate) -> assertThat(rate.getAsDouble()).isPositive()));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(prometheus.alerts("HarnessEventsFlowing")).singleElement()
					.satisfies((alert) -> assertThat(alert.path("state").asString()).isEqualTo("firing")));
			// the group's own 2m interval, and its 2m ranges, compressed like the 15s evaluation interval to 1s
			assertThat(prometheus.ruleGroups()).singleElement().satisfies((group) -> {
				assertThat(group.path("interval").asDouble()).as("group interval on the test clock").isEqualTo(8.0);
				assertThat(group.path("rules").path(1).path("query").asString()).contains("[8s]");
				assertThat(group.path("rules").path(0).path("query").asString()).contains("[10s]");
			});
			assertThat(prometheus.queryValue("absent_metric_for_harness")).isEmpty();
			assertThat(prometheus.data("/api/v1/status/flags").path("enable-feature").asString())
				.contains("exemplar-storage");
			assertThat(prometheus.leftNothingBehind()).as("running").isFalse();
		}
		assertThat(prometheus.leftNothingBehind()).as("%s stopped and removed", prometheus.describe()).isTrue();
	}

}
