package dev.observability.sample.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.observability.sample.support.OtlpReceiver;
import dev.observability.sample.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request to the sample app, exported over real OTLP/HTTP protobuf to an in-test collector: the server
 * span carries the service identity, route and status, the outgoing call is its child, and the trace id is
 * the one on the response and in the JSON log lines of that request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"observability.logging.access-log.enabled=true" })
@Import(TracingEndToEndTests.ProbeConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class TracingEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

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
	void exportsTheServerSpanWithItsOutgoingCallUnderTheResponsesTraceId(CapturedOutput output) {
		ResponseEntity<String> response = client().get()
			.uri("/test/checkout/{id}", "o-42")
			.header("X-Request-ID", "req-e2e-0001")
			.retrieve()
			.toEntity(String.class);
		String traceId = response.getHeaders().getFirst("X-Trace-Id");
		assertThat(traceId).matches("[0-9a-f]{32}");
		assertThat(response.getHeaders().getFirst("traceresponse")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
		assertThat(response.getHeaders().getFirst("X-Request-ID")).isEqualTo("req-e2e-0001");

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.spans(traceId).size() >= 3);
		List<ReceivedSpan> spans = receiver.spans(traceId);
		ReceivedSpan server = spans.stream()
			.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER
					&& "/test/checkout/{id}".equals(span.attributes().get("http.route")))
			.findFirst()
			.orElseThrow();
		assertThat(server.resource()).containsEntry("service.name", "orders-service");
		assertThat(server.attributes()).containsEntry("http.response.status_code", "200")
			.containsEntry("status", "200")
			.containsEntry("request_id", "req-e2e-0001");
		assertThat(response.getHeaders().getFirst("traceresponse")).contains("-" + server.spanId() + "-");
		ReceivedSpan outgoing = spans.stream()
			.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT)
			.findFirst()
			.orElseThrow();
		assertThat(outgoing.parentSpanId()).isEqualTo(server.spanId());

		await().atMost(Duration.ofSeconds(20)).until(() -> jsonLines(output).stream()
			.anyMatch((line) -> "dev.observability.access".equals(line.path("logger").asString(""))
					&& line.path("http.route").asString("").equals("/test/checkout/{id}")));
		List<JsonNode> requestLines = jsonLines(output).stream()
			.filter((line) -> "req-e2e-0001".equals(line.path("request_id").asString(null)))
			.toList();
		assertThat(requestLines).extracting((line) -> line.path("message").asString(""))
			.anyMatch((message) -> message.equals("checking out o-42"))
			.anyMatch((message) -> message.startsWith("GET /test/checkout/{id} 200"));
		assertThat(requestLines).allSatisfy((line) -> {
			assertThat(line.path("trace_id").asString()).isEqualTo(traceId);
			assertThat(line.path("service.name").asString()).isEqualTo("orders-service");
		});
	}

	@Test
	void excludedPathsGetNoSpanAndNoTracingHeaders() {
		ResponseEntity<String> response = client().get().uri("/actuator/health").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
		assertThat(response.getHeaders().containsHeader("X-Trace-Id")).isFalse();
		assertThat(response.getHeaders().containsHeader("traceresponse")).isFalse();
		assertThat(receiver.spans()).noneMatch((span) -> span.attributes().getOrDefault("uri", "").startsWith("/actuator"));
	}

	static List<JsonNode> jsonLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.startsWith("{")).map(mapper::readTree).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ProbeConfiguration {

		/** Registered as a member of this test configuration (test classes are not component-scanned). */
		@RestController
		static class CheckoutProbeController {

			private static final Logger logger = LoggerFactory.getLogger(CheckoutProbeController.class);

			private final RestClient restClient;

			private final Environment environment;

			CheckoutProbeController(RestClient.Builder builder, Environment environment) {
				this.restClient = builder.build();
				this.environment = environment;
			}

			@GetMapping("/test/checkout/{id}")
			Map<String, String> checkout(@PathVariable String id) {
				logger.info("checking out {}", id);
				String port = this.environment.getProperty("local.server.port");
				String payment = this.restClient.get().uri("http://127.0.0.1:" + port + "/api/ping").retrieve().body(String.class);
				return Map.of("order", id, "payment", payment);
			}

		}

	}

}
