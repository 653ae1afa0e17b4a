package dev.observability.autoconfigure.tracing;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For public edges ({@code observability.tracing.inbound.trust=restart}): hides inbound trace context
 * ({@code traceparent}, {@code tracestate}, {@code baggage}, B3) from the server observation, so every request
 * starts a new trace with the local sampling decision. The W3C Trace Context specification's security
 * considerations explain why: a caller outside the trust boundary can force sampling (cost, denial of
 * service), join unrelated traces, or smuggle baggage into logs and downstream calls. Runs before Spring
 * Boot's {@code ServerHttpObservationFilter}, which extracts the context; {@link ReactiveInboundTraceRestart} does
 * the same on WebFlux.
 */
public class InboundTraceRestartFilter extends OncePerRequestFilter implements Ordered {

	/** Before Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new UntracedRequest(request), response);
	}

	private static boolean isTraceContext(String name) {
		return InboundTraceHeaders.isTraceContext(name);
	}

	private static final class UntracedRequest extends HttpServletRequestWrapper {

		UntracedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return isTraceContext(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isTraceContext(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isTraceContext(name)).toList());
		}

	}

}
