package dev.observability.autoconfigure.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

import dev.observability.autoconfigure.http.ExcludedPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes one access-log event per request to the logger {@code dev.observability.access}: a short message
 * plus the key-value pairs {@code http.method}, {@code http.route} (the route template, never the raw path),
 * {@code http.status_code}, {@code duration_ms} and {@code bytes} (body bytes, characters for writer output);
 * {@code request_id}, {@code trace_id} and {@code span_id} come from the MDC, as the filter runs inside the
 * server span and the request-id filter. Requests to excluded paths are skipped.
 */
public class AccessLogFilter extends OncePerRequestFilter implements Ordered {

	/** Name of the access-log logger. */
	public static final String LOGGER_NAME = "dev.observability.access";

	/** Inside the trace-headers filter, so trace and request ids are in the MDC. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private final ExcludedPaths excludedPaths;

	public AccessLogFilter(ExcludedPaths excludedPaths) {
		this.excludedPaths = (excludedPaths != null) ? excludedPaths : new ExcludedPaths(List.of());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !logger.isInfoEnabled() || this.excludedPaths.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		CountingResponse counting = new CountingResponse(response);
		int status = 0;
		try {
			chain.doFilter(request, counting);
			status = response.getStatus();
		}
		catch (IOException | ServletException | RuntimeException ex) {
			status = 500;
			throw ex;
		}
		finally {
			long durationMs = (System.nanoTime() - start) / 1_000_000L;
			String route = route(request);
			logger.atInfo()
				.setMessage("{} {} {} {}ms")
				.addArgument(request.getMethod())
				.addArgument(route)
				.addArgument(status)
				.addArgument(durationMs)
				.addKeyValue("http.method", request.getMethod())
				.addKeyValue("http.route", route)
				.addKeyValue("http.status_code", status)
				.addKeyValue("duration_ms", durationMs)
				.addKeyValue("bytes", counting.count)
				.log();
		}
	}

	private static String route(HttpServletRequest request) {
		String route = ServerHttpObservationFilter.findObservationContext(request)
			.map((context) -> context.getPathPattern())
			.orElse(null);
		if (route == null) {
			Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			route = (pattern != null) ? pattern.toString() : "UNKNOWN";
		}
		return route;
	}

	private static final class CountingResponse extends HttpServletResponseWrapper {

		private long count;

		private ServletOutputStream outputStream;

		private PrintWriter writer;

		CountingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.outputStream == null) {
				ServletOutputStream delegate = super.getOutputStream();
				this.outputStream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						delegate.write(b);
						CountingResponse.this.count++;
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						delegate.write(b, off, len);
						CountingResponse.this.count += len;
					}

					@Override
					public void flush() throws IOException {
						delegate.flush();
					}

					@Override
					public void close() throws IOException {
						delegate.close();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						delegate.setWriteListener(listener);
					}

				};
			}
			return this.outputStream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				Writer delegate = super.getWriter();
				this.writer = new PrintWriter(new Writer() {

					@Override
					public void write(char[] buffer, int off, int len) throws IOException {
						delegate.write(buffer, off, len);
						CountingResponse.this.count += len;
					}

					@Override
					public void flush() throws IOException {
						delegate.flush();
					}

					@Override
					public void close() throws IOException {
						delegate.close();
					}

				});
			}
			return this.writer;
		}

	}

}
