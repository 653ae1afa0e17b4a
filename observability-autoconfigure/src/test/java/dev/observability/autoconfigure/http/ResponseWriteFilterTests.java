package dev.observability.autoconfigure.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link ResponseWriteFilter} counts the body bytes written through the stream and the writer, and marks the
 * exchange as a client abort when a write or flush fails.
 */
class ResponseWriteFilterTests {

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final ResponseWriteFilter filter = new ResponseWriteFilter();

	ResponseWriteFilterTests() {
		this.registry.observationConfig()
			.observationHandler(new ServletServerRequestPipeline(new StaticListableBeanFactory().getBeanProvider(ServerRequestListener.class)));
	}

	@Test
	void countsBytesWrittenThroughTheOutputStream() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServerExchange exchange = filter(response, (servletResponse) -> {
			ServletOutputStream out = servletResponse.getOutputStream();
			out.write('x');
			out.write("hello".getBytes(StandardCharsets.UTF_8), 1, 3);
			out.flush();
			assertThat(servletResponse.getOutputStream()).isSameAs(out);
			assertThat(out.isReady()).isTrue();
			out.close();
		});
		assertThat(exchange.bytes()).isEqualTo(4);
		assertThat(response.getContentAsString()).isEqualTo("xell");
		assertThat(exchange.aborted()).isFalse();
	}

	@Test
	void countsCharactersWrittenThroughTheWriter() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServerExchange exchange = filter(response, (servletResponse) -> {
			PrintWriter writer = servletResponse.getWriter();
			writer.write("order placed", 0, 5);
			writer.flush();
			assertThat(servletResponse.getWriter()).isSameAs(writer);
			writer.close();
		});
		assertThat(exchange.bytes()).isEqualTo(5);
		assertThat(response.getContentAsString()).isEqualTo("order");
	}

	@Test
	void aFailedWriteOrFlushIsAClientAbort() throws Exception {
		for (int failing = 0; failing < 3; failing++) {
			int which = failing;
			ServerExchange exchange = filter(new FailingResponse(which), (servletResponse) -> {
				ServletOutputStream out = servletResponse.getOutputStream();
				assertThatIOException().isThrownBy(() -> {
					out.write('x');
					out.write(new byte[] { 1, 2 }, 0, 2);
					out.flush();
				});
			});
			assertThat(exchange.aborted()).as("failing call %d", which).isTrue();
		}
	}

	@Test
	void requestsWithoutAnExchangePassThroughUncounted() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(chain.getResponse()).isSameAs(response);
	}

	private ServerExchange filter(HttpServletResponse response, Body body) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, this.registry)
			.start();
		request.setAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, context);
		this.filter.doFilter(request, response, (servletRequest, servletResponse) -> {
			try {
				body.write((HttpServletResponse) servletResponse);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		observation.stop();
		return ServerExchange.of(context);
	}

	interface Body {

		void write(HttpServletResponse response) throws Exception;

	}

	/** A response whose output stream fails on the first write, the array write or the flush. */
	private static final class FailingResponse extends HttpServletResponseWrapper {

		private final int failing;

		FailingResponse(int failing) {
			super(new MockHttpServletResponse());
			this.failing = failing;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return new ServletOutputStream() {

				@Override
				public void write(int b) throws IOException {
					fail(0);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					fail(1);
				}

				@Override
				public void flush() throws IOException {
					fail(2);
				}

				private void fail(int call) throws IOException {
					if (call == FailingResponse.this.failing) {
						throw new IOException("Connection reset by peer");
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
				}

			};
		}

	}

}
