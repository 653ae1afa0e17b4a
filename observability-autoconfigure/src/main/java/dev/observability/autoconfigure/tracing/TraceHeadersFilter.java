package dev.observability.autoconfigure.tracing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.observability.autoconfigure.http.ExcludedPaths;
import io.micrometer.common.KeyValue;
import io.micrometer.tracing.BaggageView;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Puts the trace on every traced response and a safe request id on every request. Runs just inside Spring's
 * {@link ServerHttpObservationFilter}, so the server span is current and its ids are known before the
 * application writes anything: the headers are set before the response can be committed.
 * <ul>
 * <li>{@code X-Trace-Id} (configurable) and W3C {@code traceresponse: 00-<trace-id>-<span-id>-<flags>};</li>
 * <li>the request id: the inbound {@code X-Request-ID} when it is 8..128 letters, digits or {@code -_.:+/=},
 * otherwise a generated one; echoed on the response, in the MDC as {@code request_id} and set on the server
 * span as a high-cardinality attribute (never a meter tag);</li>
 * <li>allow-listed baggage copied to the MDC when its value is safe.</li>
 * </ul>
 * Requests to excluded paths are left alone.
 */
public class TraceHeadersFilter extends OncePerRequestFilter implements Ordered {

	/** Just inside Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	/** MDC key and span attribute of the request id. */
	public static final String REQUEST_ID = "request_id";

	/** The W3C Trace Context Level 2 response header. */
	public static final String TRACE_RESPONSE = "traceresponse";

	private static final String INVALID_TRACE_ID = "00000000000000000000000000000000";

	private final Tracer tracer;

	private final ExcludedPaths excludedPaths;

	private final TracingProperties properties;

	private final List<String> baggageMdcKeys;

	public TraceHeadersFilter(Tracer tracer, ExcludedPaths excludedPaths, TracingProperties properties) {
		this.tracer = tracer;
		this.excludedPaths = (excludedPaths != null) ? excludedPaths : new ExcludedPaths(List.of());
		this.properties = properties;
		this.baggageMdcKeys = List.copyOf(properties.getBaggage().getMdcKeys());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.excludedPaths.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Span span = (this.tracer != null) ? this.tracer.currentSpan() : null;
		if (span != null && this.properties.isResponseHeaders()) {
			writeTraceHeaders(span.context(), response);
		}
		String requestId = null;
		if (this.properties.getRequestId().isEnabled()) {
			String header = this.properties.getRequestId().getHeader();
			String inbound = request.getHeader(header);
			requestId = SafeIds.isValidRequestId(inbound) ? inbound : SafeIds.newRequestId();
			response.setHeader(header, requestId);
			String id = requestId;
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent((context) -> context.addHighCardinalityKeyValue(KeyValue.of(REQUEST_ID, id)));
			MDC.put(REQUEST_ID, requestId);
		}
		List<String> baggageKeys = copyBaggageToMdc(span);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (requestId != null) {
				MDC.remove(REQUEST_ID);
			}
			for (String key : baggageKeys) {
				MDC.remove(key);
			}
		}
	}

	private void writeTraceHeaders(TraceContext context, HttpServletResponse response) {
		String traceId = context.traceId();
		if (traceId == null || traceId.length() != 32 || INVALID_TRACE_ID.equals(traceId)) {
			return;
		}
		response.setHeader(this.properties.getTraceIdHeader(), traceId);
		if (this.properties.isTraceResponseHeader()) {
			boolean sampled = Boolean.TRUE.equals(context.sampled());
			response.setHeader(TRACE_RESPONSE, "00-" + traceId + "-" + context.spanId() + (sampled ? "-01" : "-00"));
		}
	}

	private List<String> copyBaggageToMdc(Span span) {
		if (this.baggageMdcKeys.isEmpty() || span == null) {
			return List.of();
		}
		List<String> copied = new ArrayList<>(this.baggageMdcKeys.size());
		for (String key : this.baggageMdcKeys) {
			BaggageView baggage = this.tracer.getBaggage(span.context(), key);
			String value = (baggage != null) ? baggage.get(span.context()) : null;
			if (SafeIds.isValidBaggageValue(value)) {
				MDC.put(key, value);
				copied.add(key);
			}
		}
		return copied;
	}

}
