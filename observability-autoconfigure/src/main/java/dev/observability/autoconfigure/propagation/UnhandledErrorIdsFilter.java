package dev.observability.autoconfigure.propagation;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Outermost servlet filter (outside Spring's {@link ServerHttpObservationFilter}): when an exception leaves the
 * application, it puts the request's trace id, span id and request id back into the MDC before the exception
 * reaches the container, so the container's log line about it carries them. The ids come from what the request
 * already holds: the server observation's span and the request id header on the response. Costs nothing on a
 * request that ends normally.
 */
public class UnhandledErrorIdsFilter implements Filter, Ordered {

	/** Before Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final String requestIdHeader;

	/**
	 * @param requestIdHeader the response header carrying the request id, null when request ids are off
	 */
	public UnhandledErrorIdsFilter(String requestIdHeader) {
		this.requestIdHeader = requestIdHeader;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
				String requestId = (this.requestIdHeader != null) ? httpResponse.getHeader(this.requestIdHeader) : null;
				UnhandledErrorIds.restore(ServerHttpObservationFilter.findObservationContext(http).orElse(null),
						requestId);
			}
			throw ex;
		}
	}

}
