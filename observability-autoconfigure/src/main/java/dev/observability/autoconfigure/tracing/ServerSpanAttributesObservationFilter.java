package dev.observability.autoconfigure.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Adds the OpenTelemetry semantic-convention attributes {@code http.route} (the route template) and
 * {@code http.response.status_code} to server spans, next to Spring's own {@code uri} and {@code status}.
 * They are high-cardinality key values: spans get them, meters never do, so the {@code http.server.requests}
 * tags are unchanged.
 */
public class ServerSpanAttributesObservationFilter implements ObservationFilter {

	/** Span attribute of the route template. */
	public static final String HTTP_ROUTE = "http.route";

	/** Span attribute of the response status code. */
	public static final String HTTP_STATUS_CODE = "http.response.status_code";

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server) {
			if (server.getPathPattern() != null) {
				server.addHighCardinalityKeyValue(KeyValue.of(HTTP_ROUTE, server.getPathPattern()));
			}
			if (server.getResponse() != null) {
				server.addHighCardinalityKeyValue(
						KeyValue.of(HTTP_STATUS_CODE, Integer.toString(server.getResponse().getStatus())));
			}
		}
		return context;
	}

}
