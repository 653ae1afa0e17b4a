package dev.observability.autoconfigure.logging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityJsonEncoderTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final LoggerContext loggerContext = new LoggerContext();

	private final Logger logger = this.loggerContext.getLogger("com.example.Orders");

	private ObservabilityJsonEncoder encoder;

	@BeforeEach
	void startEncoder() {
		this.encoder = encoder(new LoggingProperties());
	}

	@AfterEach
	void stop() {
		this.encoder.stop();
		this.loggerContext.stop();
	}

	private ObservabilityJsonEncoder encoder(LoggingProperties properties) {
		ObservabilityJsonEncoder encoder = new ObservabilityJsonEncoder(
				new LoggingSettings(properties, new ServiceIdentity("orders-service", "1.2.3", "prod")));
		encoder.setContext(this.loggerContext);
		encoder.start();
		return encoder;
	}

	private LoggingEvent event(Level level, String message, Object[] arguments, Throwable error, Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, level, message, error, arguments);
		event.setMDCPropertyMap(mdc);
		event.setThreadName("http-nio-1");
		event.setTimeStamp(1_700_000_000_123L);
		return event;
	}

	private String encode(LoggingEvent event) {
		return new String(this.encoder.encode(event), StandardCharsets.UTF_8);
	}

	private static JsonNode singleLine(String output) {
		assertThat(output).endsWith("\n");
		String line = output.substring(0, output.length() - 1);
		assertThat(line).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029", "\u0000");
		return mapper.readTree(line);
	}

	@Test
	void writesExactlyTheDocumentedFields() {
		Map<String, String> mdc = Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
				"request_id", "req-12345678");
		JsonNode json = singleLine(encode(event(Level.INFO, "order {} placed", new Object[] { 42 }, null, mdc)));
		assertThat(json.get("@timestamp").asString()).isEqualTo("2023-11-14T22:13:20.123Z");
		assertThat(json.get("level").asString()).isEqualTo("INFO");
		assertThat(json.get("logger").asString()).isEqualTo("com.example.Orders");
		assertThat(json.get("thread").asString()).isEqualTo("http-nio-1");
		assertThat(json.get("message").asString()).isEqualTo("order 42 placed");
		assertThat(json.get("service.name").asString()).isEqualTo("orders-service");
		assertThat(json.get("service.version").asString()).isEqualTo("1.2.3");
		assertThat(json.get("deployment.environment").asString()).isEqualTo("prod");
		assertThat(json.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(json.get("span_id").asString()).isEqualTo("00f067aa0ba902b7");
		assertThat(json.get("request_id").asString()).isEqualTo("req-12345678");
		assertThat(json.has("traceId")).isFalse();
		assertThat(json.has("error.type")).isFalse();
	}

	@Test
	void writesErrorFieldsWithACappedStackTrace() {
		LoggingProperties properties = new LoggingProperties();
		properties.getStackTrace().setMaxDepth(3);
		this.encoder = encoder(properties);
		IllegalStateException error = new IllegalStateException("payment declined",
				new RuntimeException("provider timeout"));
		JsonNode json = singleLine(encode(event(Level.ERROR, "checkout failed", null, error, Map.of())));
		assertThat(json.get("error.type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(json.get("error.message").asString()).isEqualTo("payment declined");
		String stackTrace = json.get("error.stack_trace").asString();
		assertThat(stackTrace).startsWith("java.lang.IllegalStateException: payment declined")
			.contains("Caused by: java.lang.RuntimeException: provider timeout")
			.contains("frames truncated");
		assertThat(stackTrace.lines().filter((line) -> line.trim().startsWith("at ")).count()).isLessThanOrEqualTo(6);
	}

	@Test
	void capsTheStackTraceLength() {
		LoggingProperties properties = new LoggingProperties();
		properties.getStackTrace().setMaxLength(org.springframework.util.unit.DataSize.ofBytes(300));
		this.encoder = encoder(properties);
		JsonNode json = singleLine(encode(event(Level.ERROR, "boom", null, new IllegalStateException("x".repeat(1000)), Map.of())));
		assertThat(json.get("error.stack_trace").asString().length()).isLessThanOrEqualTo(300);
	}

	@Test
	void writesStructuredArgumentsAsFields() {
		JsonNode json = singleLine(encode(event(Level.INFO, "order placed {}",
				new Object[] { StructuredArguments.kv("order_id", "o-1"), StructuredArguments.kv("items", 3) }, null, Map.of())));
		assertThat(json.get("message").asString()).isEqualTo("order placed order_id=o-1");
		assertThat(json.get("order_id").asString()).isEqualTo("o-1");
		assertThat(json.get("items").asInt()).isEqualTo(3);
	}

	@Test
	void writesKeyValuePairsAndMarkersAsFields() {
		LoggingEvent withPairs = event(Level.INFO, "order placed", null, null, Map.of());
		withPairs.addKeyValuePair(new KeyValuePair("order_id", "o-2"));
		assertThat(singleLine(encode(withPairs)).get("order_id").asString()).isEqualTo("o-2");
		LoggingEvent withMarker = event(Level.INFO, "order placed", null, null, Map.of());
		withMarker.addMarker(Markers.append("tenant", "acme"));
		assertThat(singleLine(encode(withMarker)).get("tenant").asString()).isEqualTo("acme");
	}

	@Test
	void timestampsAreUtcWhateverTheDefaultTimeZone() {
		TimeZone before = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
		try {
			this.encoder = encoder(new LoggingProperties());
		}
		finally {
			TimeZone.setDefault(before);
		}
		JsonNode json = singleLine(encode(event(Level.INFO, "tick", null, null, Map.of())));
		assertThat(json.get("@timestamp").asString()).isEqualTo("2023-11-14T22:13:20.123Z");
	}

	@Test
	void masksSensitiveValuesInMessagesArgumentsMdcAndErrors() {
		Map<String, String> mdc = Map.of("user_email", "jane@example.com", "authorization", "Basic dXNlcjpwYXNz");
		JsonNode json = singleLine(encode(event(Level.WARN, "login for jane@example.com with password=hunter2 card {}",
				new Object[] { "4111 1111 1111 1111", StructuredArguments.kv("api_key", "k-999"),
						StructuredArguments.kv("note", "Bearer abc.def") },
				new IllegalArgumentException("bad token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"), mdc)));
		String line = json.toString();
		assertThat(line).doesNotContain("jane@example.com", "hunter2", "4111 1111 1111 1111", "k-999", "abc.def",
				"dXNlcjpwYXNz", "eyJhbGciOiJIUzI1NiJ9");
		assertThat(json.get("message").asString()).isEqualTo("login for **** with password=**** card ****");
		assertThat(json.get("api_key").asString()).isEqualTo("****");
		assertThat(json.get("authorization").asString()).isEqualTo("****");
		assertThat(json.get("user_email").asString()).isEqualTo("****");
		assertThat(json.get("note").asString()).isEqualTo("Bearer ****");
		assertThat(json.get("error.message").asString()).isEqualTo("bad token ****");
	}

	@Test
	void masksNothingWhenMaskingIsOff() {
		LoggingProperties properties = new LoggingProperties();
		properties.getMask().setEnabled(false);
		this.encoder = encoder(properties);
		JsonNode json = singleLine(encode(event(Level.INFO, "mail jane@example.com", null, null, Map.of("password", "p"))));
		assertThat(json.get("message").asString()).isEqualTo("mail jane@example.com");
		assertThat(json.get("password").asString()).isEqualTo("p");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\nb", "a\r\nb", "a\rb", "nul\u0000x", "nel\u0085x", "ls\u2028x", "ps\u2029x",
			"\"}, {\"level\":\"ERROR\", \"message\":\"forged", "\n{\"@timestamp\":\"2020-01-01\",\"level\":\"ERROR\"}",
			"tab\tbell\u0007esc\u001b[31m", "\\\"\\n", "emoji \uD83D\uDE00 and lone \uD800 surrogate", "}}}}]]]]{{{{" })
	void logForgingInputsStayInOneValidJsonLine(String hostile) {
		Map<String, String> mdc = Map.of("request_id", hostile, hostile, "key-is-hostile-too");
		String output = encode(event(Level.INFO, "user said " + hostile, new Object[] { StructuredArguments.kv("input", hostile) },
				new IllegalStateException(hostile), mdc));
		JsonNode json = singleLine(output);
		assertThat(json.get("level").asString()).isEqualTo("INFO");
		assertThat(json.get("message").asString()).startsWith("user said ");
		assertThat(json.get("logger").asString()).isEqualTo("com.example.Orders");
	}

	@Test
	void fuzzedMessagesAlwaysGiveOneParsableLine() {
		java.util.Random random = new java.util.Random(20261121);
		char[] alphabet = "\n\r\u0000\u0085\u2028\u2029\"'{}[]\\:,= aZ9\t\u001f\u007f\uFEFF\uD83D\uDE00".toCharArray();
		for (int i = 0; i < 500; i++) {
			StringBuilder builder = new StringBuilder();
			int length = random.nextInt(64);
			for (int j = 0; j < length; j++) {
				builder.append(alphabet[random.nextInt(alphabet.length)]);
			}
			String hostile = builder.toString();
			JsonNode json = singleLine(encode(event(Level.INFO, hostile, null, null, Map.of("request_id", hostile))));
			assertThat(json.get("level").asString()).isEqualTo("INFO");
		}
	}

	@Test
	void omitsUnknownServiceFields() {
		ObservabilityJsonEncoder encoder = new ObservabilityJsonEncoder(
				new LoggingSettings(new LoggingProperties(), new ServiceIdentity("svc", null, null)));
		encoder.setContext(this.loggerContext);
		encoder.start();
		JsonNode json = singleLine(new String(encoder.encode(event(Level.INFO, "x", null, null, Map.of())), StandardCharsets.UTF_8));
		assertThat(json.get("service.name").asString()).isEqualTo("svc");
		assertThat(List.of(json.propertyNames().toArray())).doesNotContain("service.version", "deployment.environment");
		encoder.stop();
	}

}
