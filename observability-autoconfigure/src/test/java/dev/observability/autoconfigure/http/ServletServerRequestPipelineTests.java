package dev.observability.autoconfigure.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletException;
import org.apache.tomcat.util.http.InvalidParameterException;
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
 * The Spring MVC pipeline on a real observation: one exchange per request, the status the client was sent, client
 * aborts, the MDC entries while in scope, and Spring's own {@code status}/{@code outcome} tags corrected.
 */
class ServletServerRequestPipelineTests {

	private final List<ServerExchange> completed = new ArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	ServletServerRequestPipelineTests() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("recorder", new ServerRequestListener() {

			@Override
			public void onStart(ServerExchange exchange) {
				exchange.setRequestId("req-12345678");
				exchange.putMdc("request_id", "req-12345678");
			}

			@Override
			public void onComplete(ServerExchange exchange) {
				ServletServerRequestPipelineTests.this.completed.add(exchange);
				assertThat(MDC.get("request_id")).as("listeners log with the request's ids").isEqualTo("req-12345678");
			}

		});
		this.registry.observationConfig()
			.observationHandler(new ServletServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class)));
	}

	@Test
	void aContainerFourHundredIsTheStatusSentAndNotAServerError() {
		ServerExchange exchange = run(500, new ServletException(new InvalidParameterException("bad query", 400)));
		assertThat(exchange.status()).isEqualTo(400);
		assertThat(exchange.isServerError()).isFalse();
		assertThat(exchange.aborted()).isFalse();
		assertThat(lowCardinality(exchange, "status")).isEqualTo("400");
		assertThat(lowCardinality(exchange, "outcome")).isEqualTo("CLIENT_ERROR");
	}

	@Test
	void anUnhandledExceptionIsAServerError() {
		ServerExchange exchange = run(500, new IllegalStateException("boom"));
		assertThat(exchange.status()).isEqualTo(500);
		assertThat(exchange.isServerError()).isTrue();
		assertThat(lowCardinality(exchange, "status")).isEqualTo("500");
		assertThat(run(200, new IllegalStateException("no status")).isServerError()).isTrue();
		assertThat(run(503, null).isServerError()).isTrue();
	}

	@Test
	void clientErrorsAndSuccessesAreNotServerErrors() {
		assertThat(run(404, new IllegalArgumentException("missing")).isServerError()).isFalse();
		assertThat(run(200, null).isServerError()).isFalse();
		assertThat(run(200, null).aborted()).isFalse();
	}

	@Test
	void aClientThatWentAwayIsAbortedNeitherGoodNorBad() {
		ServerExchange reset = run(200, new IOException("Connection reset by peer"));
		assertThat(reset.aborted()).isTrue();
		assertThat(reset.isServerError()).isFalse();
		assertThat(reset.status()).isEqualTo(200);
		assertThat(run(200, new IOException("stream closed")).aborted()).as("an I/O failure on a 2xx").isTrue();
		assertThat(run(500, new IOException("disk full")).aborted()).as("a 5xx is the server's").isFalse();
	}

	@Test
	void measuresOneDurationAndHoldsTheMdcOnlyWhileInScope() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/1");
		ServerRequestObservationContext context = new ServerRequestObservationContext(request,
				new MockHttpServletResponse());
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.get("request_id")).isEqualTo("req-12345678");
		}
		assertThat(MDC.get("request_id")).isNull();
		observation.stop();
		assertThat(MDC.get("request_id")).isNull();
		assertThat(this.completed).singleElement()
			.satisfies((exchange) -> assertThat(exchange.durationNanos()).isPositive());
	}

	private ServerExchange run(int status, Throwable error) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/checkout");
		MockHttpServletResponse response = new MockHttpServletResponse();
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

	private static String lowCardinality(ServerExchange exchange, String key) {
		KeyValue value = exchange.context().getLowCardinalityKeyValue(key);
		return (value != null) ? value.getValue() : null;
	}

}
