package dev.observability.autoconfigure.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.observability.autoconfigure.http.ServerExchange;
import dev.observability.autoconfigure.http.ServerRequestListener;
import dev.observability.autoconfigure.http.ServletServerRequestPipeline;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
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
 * {@link TracingServerRequestListener} on a real OpenTelemetry tracer and the Spring MVC pipeline: trace and
 * request id response headers, the ids in the exchange and MDC, baggage in the MDC, route and status on the span.
 */
class TracingServerRequestListenerTests {

	private static final String TRACE_ID = "[0-9a-f]{32}";

	private final List<SdkTracerProvider> providers = new ArrayList<>();

	private final List<ServerExchange> completed = new ArrayList<>();

	private final List<Map<String, String>> mdcInScope = new ArrayList<>();

	private final TracingProperties properties = new TracingProperties();

	private OtelTracer tracer;

	@AfterEach
	void close() {
		this.providers.forEach(SdkTracerProvider::close);
		MDC.clear();
	}

	private ObservationRegistry registry(Sampler sampler, boolean traced) {
		SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler).build();
		this.providers.add(provider);
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		this.tracer = new OtelTracer(provider.get("test"), current, (event) -> {
		}, new OtelBaggageManager(current, List.of("tenant"), List.of()));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("tracing", new TracingServerRequestListener(traced ? this.tracer : null, this.properties));
		beans.addBean("recorder", new ServerRequestListener() {

			@Override
			public void onComplete(ServerExchange exchange) {
				TracingServerRequestListenerTests.this.completed.add(exchange);
			}

		});
		ObservationRegistry registry = ObservationRegistry.create();
		if (traced) {
			registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(this.tracer));
		}
		registry.observationConfig()
			.observationHandler(new ServletServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class)));
		return registry;
	}

	private MockHttpServletResponse run(ObservationRegistry registry, MockHttpServletRequest request, String route,
			int status) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Map<String, String> mdc = MDC.getCopyOfContextMap();
			this.mdcInScope.add((mdc != null) ? mdc : Map.of());
		}
		context.setPathPattern(route);
		response.setStatus(status);
		observation.stop();
		return response;
	}

	private static MockHttpServletRequest get() {
		return new MockHttpServletRequest("GET", "/api/orders/7");
	}

	@Test
	void aSampledRequestGetsTheTraceIdAndTraceresponseHeaders() {
		MockHttpServletResponse response = run(registry(Sampler.alwaysOn(), true), get(), "/api/orders/{id}", 200);
		ServerExchange exchange = this.completed.get(0);
		assertThat(exchange.traceId()).matches(TRACE_ID);
		assertThat(exchange.spanId()).matches("[0-9a-f]{16}");
		assertThat(response.getHeader("X-Trace-Id")).isEqualTo(exchange.traceId());
		assertThat(response.getHeader("traceresponse"))
			.isEqualTo("00-" + exchange.traceId() + "-" + exchange.spanId() + "-01");
	}

	@Test
	void anUnsampledRequestSaysSoInTraceresponse() {
		MockHttpServletResponse response = run(registry(Sampler.alwaysOff(), true), get(), "/api/orders/{id}", 200);
		assertThat(response.getHeader("traceresponse")).endsWith("-00");
	}

	@Test
	void responseHeadersCanBeTurnedOffTogetherOrJustTraceresponse() {
		this.properties.setTraceResponseHeader(false);
		MockHttpServletResponse onlyTraceId = run(registry(Sampler.alwaysOn(), true), get(), "/x", 200);
		assertThat(onlyTraceId.getHeader("X-Trace-Id")).matches(TRACE_ID);
		assertThat(onlyTraceId.getHeader("traceresponse")).isNull();
		this.properties.setResponseHeaders(false);
		MockHttpServletResponse none = run(registry(Sampler.alwaysOn(), true), get(), "/x", 200);
		assertThat(none.getHeader("X-Trace-Id")).isNull();
		assertThat(this.completed.get(1).traceId()).matches(TRACE_ID);
	}

	@Test
	void aValidInboundRequestIdIsKeptAndAnInvalidOneReplaced() {
		MockHttpServletRequest valid = get();
		valid.addHeader("X-Request-ID", "req-abc-12345");
		MockHttpServletResponse kept = run(registry(Sampler.alwaysOn(), true), valid, "/x", 200);
		assertThat(kept.getHeader("X-Request-ID")).isEqualTo("req-abc-12345");
		assertThat(this.completed.get(0).requestId()).isEqualTo("req-abc-12345");
		assertThat(this.completed.get(0).context().getHighCardinalityKeyValue("request_id"))
			.isEqualTo(KeyValue.of("request_id", "req-abc-12345"));
		assertThat(this.mdcInScope.get(0)).containsEntry("request_id", "req-abc-12345");
		MockHttpServletRequest invalid = get();
		invalid.addHeader("X-Request-ID", "bad id\nforged");
		MockHttpServletResponse replaced = run(registry(Sampler.alwaysOn(), true), invalid, "/x", 200);
		assertThat(replaced.getHeader("X-Request-ID")).isNotBlank().isNotEqualTo("bad id\nforged");
	}

	@Test
	void withoutTracingThereAreNoTraceHeadersButStillARequestId() {
		MockHttpServletResponse response = run(registry(Sampler.alwaysOn(), false), get(), "/x", 200);
		assertThat(response.getHeader("X-Trace-Id")).isNull();
		assertThat(response.getHeader("X-Request-ID")).isNotBlank();
		assertThat(this.completed.get(0).traceId()).isNull();
	}

	@Test
	void requestIdsCanBeTurnedOff() {
		this.properties.getRequestId().setEnabled(false);
		MockHttpServletResponse response = run(registry(Sampler.alwaysOn(), true), get(), "/x", 200);
		assertThat(response.getHeader("X-Request-ID")).isNull();
		assertThat(this.completed.get(0).requestId()).isNull();
	}

	@Test
	void theSpanGetsTheRouteAndTheStatusSent() {
		run(registry(Sampler.alwaysOn(), true), get(), "/api/orders/{id}", 404);
		Observation.Context context = this.completed.get(0).context();
		assertThat(context.getHighCardinalityKeyValue("http.route")).isEqualTo(KeyValue.of("http.route", "/api/orders/{id}"));
		assertThat(context.getHighCardinalityKeyValue("http.response.status_code"))
			.isEqualTo(KeyValue.of("http.response.status_code", "404"));
		run(registry(Sampler.alwaysOn(), true), get(), null, 200);
		assertThat(this.completed.get(1).context().getHighCardinalityKeyValue("http.route")).isNull();
	}

	@Test
	void configuredBaggageIsPutInTheMdc() {
		this.properties.getBaggage().setMdcKeys(List.of("tenant", "absent"));
		ObservationRegistry registry = registry(Sampler.alwaysOn(), true);
		try (BaggageInScope baggage = this.tracer.createBaggageInScope("tenant", "acme")) {
			run(registry, get(), "/x", 200);
		}
		assertThat(this.mdcInScope.get(0)).containsEntry("tenant", "acme").doesNotContainKey("absent");
	}

}
