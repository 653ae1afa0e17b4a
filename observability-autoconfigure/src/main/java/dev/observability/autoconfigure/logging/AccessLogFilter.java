package dev.observability.autoconfigure.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

import dev.observability.autoconfigure.http.ServerExchange;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Spring MVC part of the access log: counts the body bytes the application writes, for
 * {@link AccessLogListener}'s {@code bytes}. Runs inside Spring's {@code ServerHttpObservationFilter} and only
 * for requests that have the starter's exchange, so an excluded path (no observation) passes through untouched
 * without a second path match.
 */
public class AccessLogFilter extends OncePerRequestFilter {

	/** Inside Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object context = request.getAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
		ServerExchange exchange = (context instanceof ServerRequestObservationContext observation)
				? ServerExchange.of(observation) : null;
		if (exchange == null) {
			chain.doFilter(request, response);
			return;
		}
		CountingResponse counting = new CountingResponse(response);
		try {
			chain.doFilter(request, counting);
		}
		finally {
			exchange.setBytes(counting.count);
		}
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
