package dev.observability.autoconfigure.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux pipeline on a real observation over mock reactive requests: method, headers, route, status, bytes
 * and connection aborts as the exchange reports them.
 */
class ReactiveServerRequestPipelineTests {

	private final List<ServerExchange> completed = new ArrayList<>();

	private Consumer<ServerExchange> onStart = (exchange) -> {
	};

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final ReactiveServerRequestPipeline pipeline;

	ReactiveServerRequestPipelineTests() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("recorder", new ServerRequestListener() {

			@Override
			public void onStart(ServerExchange exchange) {
				ReactiveServerRequestPipelineTests.this.onStart.accept(exchange);
			}

			@Override
			public void onComplete(ServerExchange exchange) {
				ReactiveServerRequestPipelineTests.this.completed.add(exchange);
			}

		});
		this.pipeline = new ReactiveServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class));
		this.registry.observationConfig().observationHandler(this.pipeline);
	}

	@Test
	void reportsMethodHeadersRouteStatusAndBytes() {
		List<String> seen = new ArrayList<>();
		this.onStart = (exchange) -> {
			seen.add(exchange.method());
			seen.add(exchange.requestHeader("X-Request-ID"));
			exchange.setResponseHeader("X-Trace-Id", "abc");
		};
		MockServerHttpResponse response = new MockServerHttpResponse();
		ServerExchange exchange = run(MockServerHttpRequest.post("/api/orders").header("X-Request-ID", "req-9").build(),
				response, (context) -> {
					context.setPathPattern("/api/orders");
					response.setStatusCode(HttpStatus.CREATED);
					response.getHeaders().setContentLength(42);
				});
		assertThat(seen).containsExactly("POST", "req-9");
		assertThat(response.getHeaders().getFirst("X-Trace-Id")).isEqualTo("abc");
		assertThat(exchange.route()).isEqualTo("/api/orders");
		assertThat(exchange.status()).isEqualTo(201);
		assertThat(exchange.bytes()).isEqualTo(42);
		assertThat(exchange.aborted()).isFalse();
	}

	@Test
	void aResponseWithoutStatusIsAnOkAndAnAbortedConnectionIsAClientAbort() {
		ServerExchange exchange = run(MockServerHttpRequest.get("/api/orders").build(), new MockServerHttpResponse(),
				(context) -> context.setConnectionAborted(true));
		assertThat(exchange.status()).isEqualTo(200);
		assertThat(exchange.aborted()).isTrue();
		assertThat(exchange.bytes()).isEqualTo(-1);
	}

	@Test
	void aCommittedResponseGetsNoHeaders() {
		MockServerHttpResponse response = new MockServerHttpResponse();
		response.setComplete().block();
		this.onStart = (exchange) -> exchange.setResponseHeader("X-Trace-Id", "abc");
		run(MockServerHttpRequest.get("/").build(), response, (context) -> {
		});
		assertThat(response.getHeaders().getFirst("X-Trace-Id")).isNull();
	}

	@Test
	void supportsOnlyReactiveRequestContextsWithARequest() {
		assertThat(this.pipeline.supportsContext(new ServerRequestObservationContext(MockServerHttpRequest.get("/").build(),
				new MockServerHttpResponse(), new HashMap<>()))).isTrue();
		assertThat(this.pipeline.supportsContext(new Observation.Context())).isFalse();
	}

	private ServerExchange run(MockServerHttpRequest request, MockServerHttpResponse response,
			Consumer<ServerRequestObservationContext> handling) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response, new HashMap<>());
		Observation observation = ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, this.registry)
			.start();
		handling.accept(context);
		observation.stop();
		return this.completed.get(this.completed.size() - 1);
	}

}
