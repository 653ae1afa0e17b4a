package dev.observability.autoconfigure.tracing;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.http.ExcludedPaths;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.opentelemetry.autoconfigure.ConditionalOnEnabledOpenTelemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Tracing on top of Spring Boot's Micrometer Tracing and OpenTelemetry support: trace and request ids on
 * every traced response, optional restart of inbound traces at public edges, and the meter provider through
 * which Spring Boot's span processor and OTLP exporters count dropped and failed spans in Micrometer. Export
 * itself is configured with Boot's {@code management.opentelemetry.tracing.export.*} keys; the starter's
 * defaults keep its timeouts short.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@EnableConfigurationProperties(TracingProperties.class)
public final class TracingObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Tracer.class, ServerHttpObservationFilter.class })
	static class TraceHeadersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceHeadersFilter traceHeadersFilter(ObjectProvider<Tracer> tracer, ObjectProvider<ExcludedPaths> excludedPaths,
				TracingProperties properties) {
			return new TraceHeadersFilter(tracer.getIfAvailable(), excludedPaths.getIfAvailable(), properties);
		}

		@Bean
		@ConditionalOnMissingBean
		ServerSpanAttributesObservationFilter serverSpanAttributesObservationFilter() {
			return new ServerSpanAttributesObservationFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(ServerHttpObservationFilter.class)
	@ConditionalOnProperty(name = "observability.tracing.inbound.trust", havingValue = "restart")
	static class InboundRestartConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InboundTraceRestartFilter inboundTraceRestartFilter() {
			return new InboundTraceRestartFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ BatchSpanProcessor.class, MeterProvider.class, MeterBinder.class })
	@ConditionalOnEnabledOpenTelemetry
	static class SpanExportConfiguration {

		/**
		 * Spring Boot's span processor and OTLP span exporters report to the {@link MeterProvider} bean; a
		 * second provider would make their look-up ambiguous, so a user's own provider replaces this one.
		 */
		@Bean
		@ConditionalOnMissingBean(MeterProvider.class)
		SpanExportMetrics spanExportMetrics() {
			return new SpanExportMetrics();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SdkTracerProvider.class)
	static class SpanExportShutdownConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpanExportShutdown spanExportShutdown(ObjectProvider<SdkTracerProvider> tracerProvider,
				TracingProperties properties) {
			return new SpanExportShutdown(tracerProvider, properties.getShutdownTimeout());
		}

	}

}
