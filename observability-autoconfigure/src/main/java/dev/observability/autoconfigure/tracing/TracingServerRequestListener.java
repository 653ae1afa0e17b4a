package dev.observability.autoconfigure.tracing;

import dev.observability.autoconfigure.http.ServerExchange;
import dev.observability.autoconfigure.http.ServerRequestListener;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.BaggageView;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Puts the trace and a safe request id on every observed request, on Spring MVC and WebFlux, when Spring's
 * server request observation starts (the server span exists, the response is not committed):
 * <ul>
 * <li>{@code X-Trace-Id} (configurable) and W3C {@code traceresponse: 00-<trace-id>-<span-id>-<flags>};</li>
 * <li>the request id: the inbound {@code X-Request-ID} when it is 8..128 letters, digits or {@code -_.:+/=},
 * otherwise a generated one; echoed on the response, in the MDC as {@code request_id} while the request is
 * handled and a high-cardinality key value of the observation (a span attribute, never a meter tag);</li>
 * <li>allow-listed baggage copied to the MDC when its value is safe.</li>
 * </ul>
 * When the observation stops it adds the OpenTelemetry semantic-convention span attributes {@code http.route}
 * and {@code http.response.status_code} (the status the client was sent). Every span attribute of the starter
 * is added here, as a high-cardinality key value.
 */
public class TracingServerRequestListener implements ServerRequestListener {

	/** MDC key and span attribute of the request id. */
	public static final String REQUEST_ID = RequestIdThreadLocalAccessor.KEY;

	/** The W3C Trace Context Level 2 response header. */
	public static final String TRACE_RESPONSE = "traceresponse";

	/** Span attribute of the route template. */
	public static final String HTTP_ROUTE = "http.route";

	/** Span attribute of the response status code. */
	public static final String HTTP_STATUS_CODE = "http.response.status_code";

	private static final String INVALID_TRACE_ID = "00000000000000000000000000000000";

	private final Tracer tracer;

	private final boolean responseHeaders;

	private final String traceIdHeader;

	private final boolean traceResponseHeader;

	private final String requestIdHeader;

	private final String[] baggageMdcKeys;

	public TracingServerRequestListener(Tracer tracer, TracingProperties properties) {
		this.tracer = tracer;
		this.responseHeaders = properties.isResponseHeaders();
		this.traceIdHeader = properties.getTraceIdHeader();
		this.traceResponseHeader = properties.isTraceResponseHeader();
		this.requestIdHeader = properties.getRequestId().isEnabled() ? properties.getRequestId().getHeader() : null;
		this.baggageMdcKeys = properties.getBaggage().getMdcKeys().toArray(new String[0]);
	}

	@Override
	public void onStart(ServerExchange exchange) {
		Span span = span(exchange.context());
		if (span != null) {
			TraceContext context = span.context();
			String traceId = context.traceId();
			if (traceId != null && traceId.length() == 32 && !INVALID_TRACE_ID.equals(traceId)) {
				exchange.setTraceIds(traceId, context.spanId());
				if (this.responseHeaders) {
					writeTraceHeaders(exchange, context, traceId);
				}
			}
		}
		if (this.requestIdHeader != null) {
			String inbound = exchange.requestHeader(this.requestIdHeader);
			String requestId = SafeIds.isValidRequestId(inbound) ? inbound : SafeIds.newRequestId();
			exchange.setRequestId(requestId);
			exchange.setResponseHeader(this.requestIdHeader, requestId);
			if (recording(span)) {
				exchange.context().addHighCardinalityKeyValue(KeyValue.of(REQUEST_ID, requestId));
			}
			exchange.putMdc(REQUEST_ID, requestId);
		}
		if (this.baggageMdcKeys.length > 0 && span != null && this.tracer != null) {
			for (String key : this.baggageMdcKeys) {
				BaggageView baggage = this.tracer.getBaggage(span.context(), key);
				String value = (baggage != null) ? baggage.get(span.context()) : null;
				if (SafeIds.isValidBaggageValue(value)) {
					exchange.putMdc(key, value);
				}
			}
		}
	}

	@Override
	public void onComplete(ServerExchange exchange) {
		Observation.Context context = exchange.context();
		if (!recording(span(context))) {
			// high-cardinality key values only become attributes of a recorded span: skip them for the requests
			// the sampler left out (most of them at 10%)
			return;
		}
		if (exchange.route() != null) {
			context.addHighCardinalityKeyValue(KeyValue.of(HTTP_ROUTE, exchange.route()));
		}
		if (exchange.status() > 0) {
			context.addHighCardinalityKeyValue(KeyValue.of(HTTP_STATUS_CODE, Integer.toString(exchange.status())));
		}
	}

	private static boolean recording(Span span) {
		return span != null && !span.isNoop();
	}

	private static Span span(Observation.Context context) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		return (tracing != null) ? tracing.getSpan() : null;
	}

	private void writeTraceHeaders(ServerExchange exchange, TraceContext context, String traceId) {
		exchange.setResponseHeader(this.traceIdHeader, traceId);
		if (this.traceResponseHeader) {
			boolean sampled = Boolean.TRUE.equals(context.sampled());
			exchange.setResponseHeader(TRACE_RESPONSE,
					"00-" + traceId + "-" + context.spanId() + (sampled ? "-01" : "-00"));
		}
	}

}
