package dev.observability.autoconfigure.tracing;

import java.util.ArrayList;
import java.util.List;

import dev.observability.autoconfigure.http.ServerRequestListener;
import dev.observability.autoconfigure.http.ServletServerRequestPipeline;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span attributes the tracing listener adds (request id, route, status code) are high-cardinality key values,
 * which only a recorded span turns into attributes: a sampled request's span carries them, and a request the
 * sampler left out gets the headers but no key values (no work per request for nothing).
 */
class TracingListenerSamplingTests {

	private final List<SpanData> exported = new ArrayList<>();

	@Test
	void aSampledRequestsSpanCarriesRequestIdRouteAndStatus() {
		ServerRequestObservationContext context = request(Sampler.alwaysOn());
		assertThat(context.getHighCardinalityKeyValue(TracingServerRequestListener.REQUEST_ID)).isNotNull();
		assertThat(this.exported).singleElement().satisfies((span) -> {
			assertThat(span.getAttributes().asMap().toString()).contains("http.route=/api/items/{id}")
				.contains("http.response.status_code=201");
			assertThat(span.getAttributes().asMap().toString()).containsPattern("request_id=[0-9a-f]{16}");
		});
		assertThat(((MockHttpServletResponse) context.getResponse()).getHeader("X-Request-Id")).matches("[0-9a-f]{16}");
	}

	@Test
	void anUnsampledRequestGetsItsHeadersButNoKeyValues() {
		ServerRequestObservationContext context = request(Sampler.alwaysOff());
		assertThat(this.exported).isEmpty();
		assertThat(((MockHttpServletResponse) context.getResponse()).getHeader("X-Request-Id")).matches("[0-9a-f]{16}");
		assertThat(((MockHttpServletResponse) context.getResponse()).getHeader("X-Trace-Id")).matches("[0-9a-f]{32}");
		assertThat(context.getHighCardinalityKeyValue(TracingServerRequestListener.REQUEST_ID)).isNull();
		assertThat(context.getHighCardinalityKeyValue(TracingServerRequestListener.HTTP_ROUTE)).isNull();
		assertThat(context.getHighCardinalityKeyValue(TracingServerRequestListener.HTTP_STATUS_CODE)).isNull();
	}

	private ServerRequestObservationContext request(Sampler sampler) {
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setSampler(sampler)
			.addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {

				@Override
				public CompletableResultCode export(java.util.Collection<SpanData> spans) {
					TracingListenerSamplingTests.this.exported.addAll(spans);
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode flush() {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode shutdown() {
					return CompletableResultCode.ofSuccess();
				}

			}))
			.build();
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(provider.get("test"), current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("tracing", new TracingServerRequestListener(tracer, new TracingProperties()));
		ObservationRegistry registry = ObservationRegistry.create();
		// as in the application: the tracing handler starts the span before the pipeline's onStart, and (handlers
		// stop in reverse order) tags it after the pipeline's onStop
		registry.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(tracer))
			.observationHandler(new ServletServerRequestPipeline(beans.getBeanProvider(ServerRequestListener.class)));
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServerRequestObservationContext context = new ServerRequestObservationContext(
				new MockHttpServletRequest("POST", "/api/items/7"), response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(null, new DefaultServerRequestObservationConvention(), () -> context, registry)
			.start();
		context.setPathPattern("/api/items/{id}");
		response.setStatus(201);
		observation.stop();
		provider.close();
		return context;
	}

}
