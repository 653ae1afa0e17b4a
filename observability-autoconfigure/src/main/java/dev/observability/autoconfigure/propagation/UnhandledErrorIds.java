package dev.observability.autoconfigure.propagation;

import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.MDC;

/**
 * The ids of a request whose exception left the application, put back into the SLF4J MDC of the container's
 * thread for the container's own log line about it (Tomcat's {@code Servlet.service() ... threw exception}
 * ERROR, Jetty's WARN), which is written after the request's filters have unwound and cleared the MDC. They stay
 * until the container is done with the request ({@link #clear()}, called by a container-specific hook), and are
 * removed only on a thread they were restored on.
 */
public final class UnhandledErrorIds {

	/** MDC key of the trace id (Micrometer Tracing's). */
	static final String TRACE_ID = "traceId";

	/** MDC key of the span id (Micrometer Tracing's). */
	static final String SPAN_ID = "spanId";

	private static final ThreadLocal<Boolean> restored = new ThreadLocal<>();

	private UnhandledErrorIds() {
	}

	/**
	 * Puts the ids of a request into the MDC of the current thread: trace and span id of the observation's span,
	 * the request id as sent on the response. Null values are skipped.
	 */
	static void restore(Observation.Context observation, String requestId) {
		TraceContext trace = traceContext(observation);
		if (trace != null) {
			MDC.put(TRACE_ID, trace.traceId());
			MDC.put(SPAN_ID, trace.spanId());
		}
		if (requestId != null) {
			MDC.put(RequestIdThreadLocalAccessor.KEY, requestId);
		}
		if (trace != null || requestId != null) {
			restored.set(Boolean.TRUE);
		}
	}

	/** Removes the ids {@link #restore restored} on this thread, if any; cheap when there are none. */
	public static void clear() {
		if (restored.get() != null) {
			restored.remove();
			MDC.remove(TRACE_ID);
			MDC.remove(SPAN_ID);
			MDC.remove(RequestIdThreadLocalAccessor.KEY);
		}
	}

	private static TraceContext traceContext(Observation.Context observation) {
		if (observation == null) {
			return null;
		}
		TracingObservationHandler.TracingContext tracing = observation.get(TracingObservationHandler.TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context() : null;
	}

}
