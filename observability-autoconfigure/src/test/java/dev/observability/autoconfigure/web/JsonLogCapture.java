package dev.observability.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.observability.autoconfigure.logging.ObservabilityJsonEncoder;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every event of the running application's Logback context as the starter's JSON encoder writes it
 * (MDC ids renamed {@code trace_id}/{@code span_id}, {@code request_id}, key-value pairs), encoded on the
 * logging thread, so what a test reads is what the console gets. Attach after the application started (Spring
 * Boot resets Logback while starting); close to detach. Every application of a test JVM logs to the same Logback
 * context: tell a request's lines apart by its request id (send a unique {@code X-Request-ID}).
 */
public final class JsonLogCapture implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<JsonNode> events = new CopyOnWriteArrayList<>();

	private final Appender appender = new Appender();

	private final Logger root;

	private JsonLogCapture() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		this.appender.encoder.setContext(context);
		this.appender.encoder.start();
		this.appender.setContext(context);
		this.appender.setName("json-log-capture");
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	static JsonLogCapture attach() {
		return new JsonLogCapture();
	}

	/** Every event recorded so far, oldest first. */
	public List<JsonNode> events() {
		return List.copyOf(this.events);
	}

	/** The events that satisfy a condition. */
	public List<JsonNode> events(Predicate<JsonNode> condition) {
		return this.events.stream().filter(condition).toList();
	}

	/** The events of one logger. */
	public List<JsonNode> fromLogger(String logger) {
		return events((event) -> logger.equals(event.path("logger").asString()));
	}

	/** The events whose message contains a text. */
	public List<JsonNode> withMessage(String text) {
		return events((event) -> event.path("message").asString().contains(text));
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

	private final class Appender extends AppenderBase<ILoggingEvent> {

		private final ObservabilityJsonEncoder encoder = new ObservabilityJsonEncoder();

		@Override
		protected void append(ILoggingEvent event) {
			String line = new String(this.encoder.encode(event), StandardCharsets.UTF_8);
			JsonLogCapture.this.events.add(json.readTree(line));
		}

	}

}
