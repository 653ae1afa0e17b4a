package dev.observability.autoconfigure.tracing;

import dev.observability.autoconfigure.http.ServerExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux: puts the request id the pipeline chose into the Reactor context under
 * {@link RequestIdThreadLocalAccessor#KEY}, so context propagation restores it into the MDC of every operator
 * and outgoing calls can read it. Requests without an observation (excluded paths) are passed on untouched.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

	/** First among the application's filters: the observation has started before any filter runs. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Object context = exchange.getAttributes().get(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
		ServerExchange server = (context instanceof ServerRequestObservationContext observation)
				? ServerExchange.of(observation) : null;
		String requestId = (server != null) ? server.requestId() : null;
		if (requestId == null) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).contextWrite(Context.of(RequestIdThreadLocalAccessor.KEY, requestId));
	}

}
