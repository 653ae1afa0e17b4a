package dev.observability.autoconfigure.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import dev.observability.autoconfigure.http.ReactiveServerRequestPipeline;
import dev.observability.autoconfigure.http.ServerRequestListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestIdWebFilter} puts the exchange's request id into the Reactor context of the rest of the chain.
 */
class RequestIdWebFilterTests {

	private final List<Object> seen = new ArrayList<>();

	private final WebFilterChain chain = (exchange) -> Mono.deferContextual((context) -> {
		this.seen.add(context.getOrDefault(RequestIdThreadLocalAccessor.KEY, "none"));
		return Mono.empty();
	});

	@Test
	void theChainSeesTheRequestIdInItsReactorContext() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("requestId", new ServerRequestListener() {

			@Override
			public void onStart(dev.observability.autoconfigure.http.ServerExchange exchange) {
				exchange.setRequestId("req-42");
			}

		});
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new ReactiveServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class)));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));
		ServerRequestObservationContext context = new ServerRequestObservationContext(exchange.getRequest(),
				new MockServerHttpResponse(), new HashMap<>());
		Observation observation = ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, registry)
			.start();
		exchange.getAttributes().put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, context);
		new RequestIdWebFilter().filter(exchange, this.chain).block();
		observation.stop();
		assertThat(this.seen).containsExactly("req-42");
	}

	@Test
	void withoutAnObservedExchangeTheChainRunsUnchanged() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));
		new RequestIdWebFilter().filter(exchange, this.chain).block();
		exchange.getAttributes().put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE,
				new ServerRequestObservationContext(exchange.getRequest(), new MockServerHttpResponse(), new HashMap<>()));
		new RequestIdWebFilter().filter(exchange, this.chain).block();
		assertThat(this.seen).containsExactly("none", "none");
		assertThat(new RequestIdWebFilter().getOrder()).isEqualTo(RequestIdWebFilter.ORDER);
	}

}
