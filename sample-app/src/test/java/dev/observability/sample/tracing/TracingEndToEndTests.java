package dev.observability.sample.tracing;

import java.time.Duration;
import java.util.List;

import dev.observability.sample.support.OtlpReceiver;
import dev.observability.sample.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A checkout on the sample app, exported over real OTLP/HTTP protobuf to an in-test collector: the server
 * span carries the service identity, route and status, the outgoing payment call is its child, and the trace
 * id is the one on the response and in the JSON log lines of that request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"observability.logging.access-log.enabled=true", "sample.payment.failure-rate=0",
				"sample.payment.decline-rate=0", "sample.payment.latency=0ms" })
@ExtendWith(OutputCaptureExtension.class)
class TracingEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private SpanLimits spanLimits;

	@DynamicPropertySource
	static void otlp(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	@Test
	void exportsTheCheckoutSpanWithItsPaymentCallUnderTheResponsesTraceId(CapturedOutput output) {
		ResponseEntity<String> response = client().post()
			.uri("/api/orders")
			.header("X-Request-ID", "req-e2e-0001")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"customerId\":\"c-42\",\"channel\":\"web\",\"paymentMethod\":\"card\",\"currency\":\"EUR\","
					+ "\"items\":[{\"sku\":\"BOOK-001\",\"quantity\":1}]}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(201);
		String traceId = response.getHeaders().getFirst("X-Trace-Id");
		assertThat(traceId).matches("[0-9a-f]{32}");
		assertThat(response.getHeaders().getFirst("traceresponse")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
		assertThat(response.getHeaders().getFirst("X-Request-ID")).isEqualTo("req-e2e-0001");

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.spans(traceId).stream()
			.anyMatch((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT)
				&& receiver.spans(traceId).stream().anyMatch((span) -> "/api/orders".equals(span.attributes().get("http.route"))));
		List<ReceivedSpan> spans = receiver.spans(traceId);
		ReceivedSpan server = spans.stream()
			.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER
					&& "/api/orders".equals(span.attributes().get("http.route")))
			.findFirst()
			.orElseThrow();
		assertThat(server.resource()).containsEntry("service.name", "orders-service");
		assertThat(server.attributes()).containsEntry("http.response.status_code", "201")
			.containsEntry("status", "201")
			.containsEntry("method", "POST")
			.containsEntry("request_id", "req-e2e-0001");
		assertThat(response.getHeaders().getFirst("traceresponse")).contains("-" + server.spanId() + "-");
		ReceivedSpan payment = spans.stream()
			.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT)
			.findFirst()
			.orElseThrow();
		assertThat(payment.parentSpanId()).isEqualTo(server.spanId());
		assertThat(payment.attributes().get("http.url")).endsWith("/simulated-payments/charges");

		await().atMost(Duration.ofSeconds(20)).until(() -> jsonLines(output).stream()
			.anyMatch((line) -> "dev.observability.access".equals(line.path("logger").asString(""))
					&& "req-e2e-0001".equals(line.path("request_id").asString(null))));
		List<JsonNode> requestLines = jsonLines(output).stream()
			.filter((line) -> "req-e2e-0001".equals(line.path("request_id").asString(null)))
			.toList();
		assertThat(requestLines).extracting((line) -> line.path("message").asString(""))
			.anyMatch((message) -> message.startsWith("POST /api/orders 201"));
		assertThat(requestLines).allSatisfy((line) -> {
			assertThat(line.path("trace_id").asString()).isEqualTo(traceId);
			assertThat(line.path("service.name").asString()).isEqualTo("orders-service");
		});
	}

	@Test
	void excludedPathsGetNoSpanNoTracingHeadersAndNoAccessLog(CapturedOutput output) {
		ResponseEntity<String> response = client().get().uri("/actuator/health").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
		assertThat(response.getHeaders().containsHeader("X-Trace-Id")).isFalse();
		assertThat(response.getHeaders().containsHeader("traceresponse")).isFalse();
		assertThat(response.getHeaders().containsHeader("X-Request-ID")).isFalse();
		// a traced request afterwards: once its access-log line and span are out, the excluded one would be too
		String traceId = client().get().uri("/api/ping").retrieve().toEntity(String.class).getHeaders().getFirst("X-Trace-Id");
		await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.spans(traceId).isEmpty() && jsonLines(output).stream()
			.anyMatch((line) -> traceId.equals(line.path("trace_id").asString(null))
					&& "dev.observability.access".equals(line.path("logger").asString(""))));
		assertThat(receiver.spans()).noneMatch((span) -> span.attributes().getOrDefault("uri", "").startsWith("/actuator"));
		assertThat(jsonLines(output)).noneMatch((line) -> line.path("http.route").asString("").startsWith("/actuator")
				|| line.path("message").asString("").contains("/actuator/health"));
	}

	@Test
	void openMetricsScrapeCarriesTraceExemplarsOnServerRequestBuckets() {
		client().get().uri("/api/ping").retrieve().toBodilessEntity();
		String scrape = client().get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.ACCEPT, "application/openmetrics-text; version=1.0.0; charset=utf-8")
			.retrieve()
			.body(String.class);
		List<String> exemplarBuckets = scrape.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/api/ping\""))
			.filter((line) -> line.contains(" # {"))
			.toList();
		assertThat(exemplarBuckets).isNotEmpty();
		assertThat(exemplarBuckets).allSatisfy((line) -> assertThat(line).containsPattern("span_id=\"[0-9a-f]{16}\"")
			.containsPattern("trace_id=\"[0-9a-f]{32}\""));
	}

	@Test
	void capsSpanAttributeValuesAtFourKibibytes() {
		assertThat(this.spanLimits.getMaxAttributeValueLength()).isEqualTo(4096);
	}

	static List<JsonNode> jsonLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.startsWith("{")).map(mapper::readTree).toList();
	}

}
