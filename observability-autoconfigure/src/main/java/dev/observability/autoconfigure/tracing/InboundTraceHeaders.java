package dev.observability.autoconfigure.tracing;

import java.util.Locale;
import java.util.Set;

/**
 * The headers of the W3C and B3 propagation formats that {@code observability.tracing.inbound.trust=restart}
 * hides from the server observation, on Spring MVC and WebFlux alike.
 */
final class InboundTraceHeaders {

	/** Headers of the W3C and B3 propagation formats, lower case. */
	static final Set<String> NAMES = Set.of("traceparent", "tracestate", "baggage", "b3", "x-b3-traceid",
			"x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

	private InboundTraceHeaders() {
	}

	static boolean isTraceContext(String name) {
		return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
	}

}
