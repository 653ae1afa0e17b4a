package dev.observability.autoconfigure.propagation;

import java.io.IOException;

import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import org.slf4j.MDC;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends the current request id (the MDC entry {@code request_id}) on an outgoing call of a {@code RestClient} or
 * {@code RestTemplate}, under the same header name the server reads it from; a call made outside a request (no
 * request id) is left alone, and a header the caller set is never overwritten.
 */
public class RequestIdClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final String header;

	public RequestIdClientHttpRequestInterceptor(String header) {
		this.header = header;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = MDC.get(RequestIdThreadLocalAccessor.KEY);
		if (requestId != null && !request.getHeaders().containsHeader(this.header)) {
			request.getHeaders().set(this.header, requestId);
		}
		return execution.execute(request, body);
	}

}
