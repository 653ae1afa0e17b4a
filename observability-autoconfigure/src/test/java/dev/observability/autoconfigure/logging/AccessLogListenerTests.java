package dev.observability.autoconfigure.logging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.observability.autoconfigure.http.ServerExchange;
import dev.observability.autoconfigure.http.ServerRequestListener;
import dev.observability.autoconfigure.http.ServletServerRequestPipeline;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access-log line of one request observed by the Spring MVC pipeline: message, key-value pairs, the route
 * fallback, bytes only when known and {@code aborted} only for client aborts.
 */
class AccessLogListenerTests {

	private final Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLogListener.LOGGER_NAME);

	private final Level levelBefore = this.accessLogger.getLevel();

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private final List<ServerExchange> completed = new ArrayList<>();

	private Consumer<ServerExchange> onStart = (exchange) -> {
	};

	private final ObservationRegistry registry = ObservationRegistry.create();

	AccessLogListenerTests() {
		this.lines.start();
		this.accessLogger.addAppender(this.lines);
		this.accessLogger.setLevel(Level.INFO);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("test", new ServerRequestListener() {

			@Override
			public void onStart(ServerExchange exchange) {
				AccessLogListenerTests.this.onStart.accept(exchange);
			}

			@Override
			public void onComplete(ServerExchange exchange) {
				AccessLogListenerTests.this.completed.add(exchange);
			}

		});
		beans.addBean("accessLog", new AccessLogListener());
		this.registry.observationConfig()
			.observationHandler(new ServletServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class)));
	}

	@AfterEach
	void detach() {
		this.accessLogger.detachAppender(this.lines);
		this.accessLogger.setLevel(this.levelBefore);
	}

	@Test
	void logsMethodRouteStatusAndDurationOfTheObservation() {
		this.onStart = (exchange) -> exchange.setBytes(0);
		run("/api/orders/{id}", 201, null);
		ServerExchange exchange = this.completed.get(0);
		long durationMs = exchange.durationNanos() / 1_000_000L;
		ILoggingEvent line = singleLine();
		assertThat(line.getLevel()).isEqualTo(Level.INFO);
		assertThat(line.getFormattedMessage()).isEqualTo("GET /api/orders/{id} 201 " + durationMs + "ms");
		assertThat(keyValues(line)).containsExactlyInAnyOrderEntriesOf(Map.of("http.method", "GET", "http.route",
				"/api/orders/{id}", "http.status_code", 201, "duration_ms", durationMs, "bytes", 0L));
	}

	@Test
	void aRequestWithoutRouteIsLoggedAsUnknownAndUnknownBytesAreLeftOut() {
		run(null, 404, null);
		assertThat(keyValues(singleLine())).containsEntry("http.route", "UNKNOWN")
			.containsEntry("http.status_code", 404)
			.doesNotContainKeys("bytes", "aborted");
	}

	@Test
	void aClientAbortIsMarked() {
		run("/api/orders", 200, new IOException("Connection reset by peer"));
		assertThat(keyValues(singleLine())).containsEntry("aborted", true);
	}

	@Test
	void nothingIsLoggedWhenTheAccessLoggerIsOff() {
		this.accessLogger.setLevel(Level.WARN);
		run("/api/orders", 200, null);
		assertThat(this.completed).hasSize(1);
		assertThat(this.lines.list).isEmpty();
	}

	private void run(String route, int status, Throwable error) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, this.registry)
			.start();
		if (route != null) {
			context.setPathPattern(route);
		}
		response.setStatus(status);
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	private ILoggingEvent singleLine() {
		assertThat(this.lines.list).hasSize(1);
		return this.lines.list.get(0);
	}

	private static Map<String, Object> keyValues(ILoggingEvent event) {
		Map<String, Object> keyValues = new LinkedHashMap<>();
		for (KeyValuePair pair : event.getKeyValuePairs()) {
			keyValues.put(pair.key, pair.value);
		}
		return keyValues;
	}

}
