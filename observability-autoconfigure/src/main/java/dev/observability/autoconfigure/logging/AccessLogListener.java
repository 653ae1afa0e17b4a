package dev.observability.autoconfigure.logging;

import dev.observability.autoconfigure.http.ServerExchange;
import dev.observability.autoconfigure.http.ServerRequestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one access-log event per observed request, on Spring MVC and WebFlux, to the logger
 * {@code dev.observability.access}: a short message plus the key-value pairs {@code http.method},
 * {@code http.route} (the route template, never the raw path), {@code http.status_code} (the status the client
 * was sent), {@code duration_ms} (the observation's duration), {@code bytes} (body bytes when known) and
 * {@code aborted=true} when the client went away mid-response. {@code request_id}, {@code trace_id} and
 * {@code span_id} come from the MDC. Requests to excluded paths have no observation, hence no line.
 */
public class AccessLogListener implements ServerRequestListener {

	/** Name of the access-log logger. */
	public static final String LOGGER_NAME = "dev.observability.access";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private static final String UNKNOWN = "UNKNOWN";

	@Override
	public void onComplete(ServerExchange exchange) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String route = (exchange.route() != null) ? exchange.route() : UNKNOWN;
		String method = exchange.method();
		int status = exchange.status();
		long durationMs = exchange.durationNanos() / 1_000_000L;
		LoggingEventBuilder event = logger.atInfo()
			.setMessage("{} {} {} {}ms")
			.addArgument(method)
			.addArgument(route)
			.addArgument(status)
			.addArgument(durationMs)
			.addKeyValue("http.method", method)
			.addKeyValue("http.route", route)
			.addKeyValue("http.status_code", status)
			.addKeyValue("duration_ms", durationMs);
		if (exchange.bytes() >= 0) {
			event.addKeyValue("bytes", exchange.bytes());
		}
		if (exchange.aborted()) {
			event.addKeyValue("aborted", true);
		}
		event.log();
	}

}
