package dev.observability.sample.fulfilment;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A checkout over real HTTP publishes an order-placed record to the sample's in-JVM broker; the fulfilment
 * listener's JSON log line carries the HTTP request's trace id and request id, and the scrape shows the
 * messaging meters and the message SLO.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.tracing.sampling.probability=1.0",
				"sample.payment.failure-rate=0", "sample.payment.decline-rate=0", "sample.payment.latency=0ms",
				"sample.faults.fulfilment-error-rate=0" })
@ExtendWith(OutputCaptureExtension.class)
class FulfilmentMessagingTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void traceIdAndRequestIdCrossFromTheHttpRequestThroughTheRecordToTheListenersLogLine(CapturedOutput output) {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		ResponseEntity<String> response = client.post()
			.uri("/api/orders")
			.header("X-Request-ID", "req-kafka-0001")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"customerId\":\"c-7\",\"channel\":\"web\",\"paymentMethod\":\"card\",\"currency\":\"EUR\","
					+ "\"items\":[{\"sku\":\"BOOK-001\",\"quantity\":1}]}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(201);
		String traceId = response.getHeaders().getFirst("X-Trace-Id");
		assertThat(traceId).matches("[0-9a-f]{32}");

		await().atMost(Duration.ofSeconds(60)).until(() -> fulfilmentLine(output) != null);
		JsonNode line = fulfilmentLine(output);
		assertThat(line.path("trace_id").asString()).isEqualTo(traceId);
		assertThat(line.path("request_id").asString()).isEqualTo("req-kafka-0001");

		String scrape = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("messaging_end_to_end_latency_seconds_bucket{")
			.contains("spring_kafka_listener_seconds_count{")
			.contains("spring_kafka_template_seconds_count{")
			.containsPattern("slo_events_total\\{[^}]*outcome=\"good\"[^}]*slo=\"fulfilment-availability\"[^}]*\\} [1-9]");
	}

	private static JsonNode fulfilmentLine(CapturedOutput output) {
		List<JsonNode> lines = output.getOut().lines().filter((line) -> line.startsWith("{")).map(mapper::readTree)
			.filter((line) -> line.path("logger").asString("").endsWith("FulfilmentListener"))
			.filter((line) -> "req-kafka-0001".equals(line.path("request_id").asString(null)))
			.toList();
		return lines.isEmpty() ? null : lines.get(0);
	}

}
