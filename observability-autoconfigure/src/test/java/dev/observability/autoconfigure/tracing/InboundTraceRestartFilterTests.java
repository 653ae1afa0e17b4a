package dev.observability.autoconfigure.tracing;

import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InboundTraceRestartFilter} hides the inbound trace-context headers (any case) from everything after it
 * and leaves the other headers alone.
 */
class InboundTraceRestartFilterTests {

	@Test
	void theRestOfTheChainSeesNoTraceContextHeaders() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		request.addHeader("X-B3-TraceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		request.addHeader("baggage", "tenant=acme");
		request.addHeader("Accept", "application/json");
		MockFilterChain chain = new MockFilterChain();
		new InboundTraceRestartFilter().doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getHeader("traceparent")).isNull();
		assertThat(seen.getHeader("x-b3-traceid")).isNull();
		assertThat(Collections.list(seen.getHeaders("baggage"))).isEmpty();
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("Accept");
		assertThat(seen.getHeader("Accept")).isEqualTo("application/json");
		assertThat(Collections.list(seen.getHeaders("Accept"))).containsExactly("application/json");
		assertThat(InboundTraceHeaders.isTraceContext(null)).isFalse();
	}

}
