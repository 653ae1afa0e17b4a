package dev.observability.autoconfigure.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shared pipeline does around the listeners: the outcome of a status, the MDC entries the listeners log
 * with when the request completes (and nothing left behind or overwritten), the exchange's accessors.
 */
class ServerRequestPipelineTests {

	private final List<ServerExchange> completed = new ArrayList<>();

	private final List<Map<String, String>> mdcOnComplete = new ArrayList<>();

	private Consumer<ServerExchange> onStart = (exchange) -> {
	};

	private final ObservationRegistry registry = ObservationRegistry.create();

	ServerRequestPipelineTests() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("recorder", new ServerRequestListener() {

			@Override
			public void onStart(ServerExchange exchange) {
				ServerRequestPipelineTests.this.onStart.accept(exchange);
			}

			@Override
			public void onComplete(ServerExchange exchange) {
				ServerRequestPipelineTests.this.completed.add(exchange);
				Map<String, String> mdc = MDC.getCopyOfContextMap();
				ServerRequestPipelineTests.this.mdcOnComplete.add((mdc != null) ? mdc : Map.of());
			}

		});
		this.registry.observationConfig()
			.observationHandler(new ServletServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class)));
	}

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@ParameterizedTest
	@CsvSource({ "99,UNKNOWN", "100,INFORMATIONAL", "199,INFORMATIONAL", "200,SUCCESS", "299,SUCCESS", "300,REDIRECTION",
			"399,REDIRECTION", "400,CLIENT_ERROR", "499,CLIENT_ERROR", "500,SERVER_ERROR", "599,SERVER_ERROR",
			"600,UNKNOWN" })
	void outcomeOfEveryStatusClassAtItsBounds(int status, String outcome) {
		assertThat(ServerRequestPipeline.outcome(status)).isEqualTo(outcome);
	}

	@Test
	void listenersLogWithTheRequestsMdcEntriesWhichAreRemovedAfterwards() {
		this.onStart = (exchange) -> {
			exchange.putMdc("a", "1");
			exchange.putMdc("b", "2");
			exchange.putMdc("c", "3");
			exchange.setTraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
		};
		MDC.put("b", "callers");
		run(200, null);
		assertThat(this.mdcOnComplete.get(0)).containsEntry("a", "1")
			.containsEntry("b", "callers")
			.containsEntry("c", "3")
			.containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
			.containsEntry("spanId", "00f067aa0ba902b7");
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("b", "callers"));
	}

	@Test
	void aTraceIdAlreadyInTheMdcIsNeitherReplacedNorRemoved() {
		this.onStart = (exchange) -> exchange.setTraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
		MDC.put("traceId", "outer");
		run(200, null);
		assertThat(this.mdcOnComplete.get(0)).containsEntry("traceId", "outer").doesNotContainKey("spanId");
		assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("traceId", "outer"));
	}

	@Test
	void manyMdcEntriesAreAllHeldWhileInScope() {
		Map<String, String> expected = new HashMap<>();
		this.onStart = (exchange) -> {
			for (int i = 0; i < 9; i++) {
				exchange.putMdc("key" + i, "value" + i);
				expected.put("key" + i, "value" + i);
			}
		};
		ServerRequestObservationContext context = new ServerRequestObservationContext(new MockHttpServletRequest("GET", "/"),
				new MockHttpServletResponse());
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.getCopyOfContextMap()).isEqualTo(expected);
			scope.reset();
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		}
		observation.stop();
		assertThat(this.mdcOnComplete.get(0)).isEqualTo(expected);
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void exchangeAccessorsReportTheRequest() {
		long before = System.nanoTime();
		this.onStart = (exchange) -> {
			exchange.setRequestId("req-1");
			exchange.setTraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
		};
		ServerExchange exchange = run(200, null);
		long elapsed = System.nanoTime() - before;
		assertThat(exchange.requestId()).isEqualTo("req-1");
		assertThat(exchange.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(exchange.spanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(exchange.route()).isEqualTo("/api/checkout");
		assertThat(exchange.error()).isNull();
		assertThat(exchange.bytes()).isEqualTo(-1);
		assertThat(exchange.durationNanos()).isPositive().isLessThanOrEqualTo(elapsed);
	}

	@Test
	void theDeclaredContentLengthIsTheBytesWhenNoListenerCounted() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("Content-Length", "1234");
		assertThat(run(200, null, response).bytes()).isEqualTo(1234);
	}

	@Test
	void aServerErrorIsAFiveHundredEvenWithoutAnException() {
		assertThat(run(500, null).isServerError()).isTrue();
		assertThat(run(499, null).isServerError()).isFalse();
	}

	@Test
	void anIoFailureIsAClientAbortOnlyBelowFourHundred() {
		ServerExchange redirect = run(399, new IOException("disk full"));
		assertThat(redirect.aborted()).isTrue();
		assertThat(redirect.error()).isInstanceOf(IOException.class);
		assertThat(run(400, new IOException("disk full")).aborted()).isFalse();
	}

	private ServerExchange run(int status, Throwable error) {
		return run(status, error, new MockHttpServletResponse());
	}

	private ServerExchange run(int status, Throwable error, MockHttpServletResponse response) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/checkout");
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, this.registry)
			.start();
		context.setPathPattern("/api/checkout");
		response.setStatus(status);
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
		return this.completed.get(this.completed.size() - 1);
	}

}
