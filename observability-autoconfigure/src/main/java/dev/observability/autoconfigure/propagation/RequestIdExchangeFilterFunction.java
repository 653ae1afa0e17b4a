package dev.observability.autoconfigure.propagation;

import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends the current request id on an outgoing {@code WebClient} call, under the same header name the server reads
 * it from. The id is read when the call is subscribed: from the Reactor context (key {@code request_id}, where a
 * WebFlux server request keeps it), else from the MDC of the subscribing thread (a servlet request calling a
 * WebClient). No id, no header; a header the caller set is never overwritten.
 */
public class RequestIdExchangeFilterFunction implements ExchangeFilterFunction {

	private final String header;

	public RequestIdExchangeFilterFunction(String header) {
		this.header = header;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(this.header)) {
			return next.exchange(request);
		}
		return Mono.deferContextual((context) -> {
			Object fromContext = context.getOrDefault(RequestIdThreadLocalAccessor.KEY, null);
			String requestId = (fromContext instanceof String id) ? id : MDC.get(RequestIdThreadLocalAccessor.KEY);
			if (requestId == null) {
				return next.exchange(request);
			}
			return next.exchange(ClientRequest.from(request).header(this.header, requestId).build());
		});
	}

}
