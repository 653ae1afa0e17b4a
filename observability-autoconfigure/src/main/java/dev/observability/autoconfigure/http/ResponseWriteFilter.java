package dev.observability.autoconfigure.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

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
 * The Spring MVC adapter of the request pipeline for what only the response body shows: counts the body bytes
 * the application writes (the access log's {@code bytes}) and marks the exchange aborted when writing the body
 * fails with an {@link IOException}: the client went away, which Spring MVC resolves silently (no error on the
 * observation, status 200). Runs inside Spring's {@code ServerHttpObservationFilter} and only for requests that
 * have the starter's exchange: an excluded path (no observation) passes through untouched, without a second path
 * match.
 */
public class ResponseWriteFilter extends OncePerRequestFilter {

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
		CountingResponse counting = new CountingResponse(response, exchange);
		try {
			chain.doFilter(request, counting);
		}
		finally {
			exchange.setBytes(counting.count);
		}
	}

	private static final class CountingResponse extends HttpServletResponseWrapper {

		private final ServerExchange exchange;

		private long count;

		private ServletOutputStream outputStream;

		private PrintWriter writer;

		CountingResponse(HttpServletResponse response, ServerExchange exchange) {
			super(response);
			this.exchange = exchange;
		}

		private void writeFailed() {
			this.exchange.markClientGone();
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.outputStream == null) {
				ServletOutputStream delegate = super.getOutputStream();
				this.outputStream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						try {
							delegate.write(b);
						}
						catch (IOException ex) {
							writeFailed();
							throw ex;
						}
						CountingResponse.this.count++;
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						try {
							delegate.write(b, off, len);
						}
						catch (IOException ex) {
							writeFailed();
							throw ex;
						}
						CountingResponse.this.count += len;
					}

					@Override
					public void flush() throws IOException {
						try {
							delegate.flush();
						}
						catch (IOException ex) {
							writeFailed();
							throw ex;
						}
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
						try {
							delegate.write(buffer, off, len);
						}
						catch (IOException ex) {
							writeFailed();
							throw ex;
						}
						CountingResponse.this.count += len;
					}

					@Override
					public void flush() throws IOException {
						try {
							delegate.flush();
						}
						catch (IOException ex) {
							writeFailed();
							throw ex;
						}
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
