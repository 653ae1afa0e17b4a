package dev.observability.autoconfigure.tracing;

import dev.observability.autoconfigure.http.ServerRequestListener;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.ConditionalOnEnabledOpenTelemetry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Tracing on top of Spring Boot's Micrometer Tracing and OpenTelemetry support: trace and request ids on
 * every traced response, optional restart of inbound traces at public edges, and a span processor that
 * counts dropped and failed spans in Micrometer. Export itself is configured with Boot's
 * {@code management.opentelemetry.tracing.export.*} keys; the starter's defaults keep its timeouts short.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "observability.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TracingProperties.class)
public final class TracingObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ Tracer.class, TracingObservationHandler.class, ServerRequestListener.class })
	static class TraceHeadersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingServerRequestListener tracingServerRequestListener(ObjectProvider<Tracer> tracer,
				TracingProperties properties) {
			return new TracingServerRequestListener(tracer.getIfAvailable(), properties);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnClass(name = { "org.springframework.web.server.WebFilter", "reactor.util.context.Context" })
		static class ReactiveRequestIdConfiguration {

			@Bean
			@ConditionalOnMissingBean
			RequestIdWebFilter requestIdWebFilter() {
				return new RequestIdWebFilter();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(ServerHttpObservationFilter.class)
	@ConditionalOnProperty(name = "observability.tracing.inbound.trust", havingValue = "restart")
	static class InboundRestartConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(InboundTraceRestartFilter.class)
		FilterRegistrationBean<InboundTraceRestartFilter> inboundTraceRestartFilter() {
			FilterRegistrationBean<InboundTraceRestartFilter> registration = new FilterRegistrationBean<>(
					new InboundTraceRestartFilter());
			registration.setOrder(InboundTraceRestartFilter.ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.http.server.reactive.HttpHandlerDecoratorFactory")
	@ConditionalOnProperty(name = "observability.tracing.inbound.trust", havingValue = "restart")
	static class ReactiveInboundRestartConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveInboundTraceRestart reactiveInboundTraceRestart() {
			return new ReactiveInboundTraceRestart();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ BatchSpanProcessor.class, CompositeSpanExporter.class, OpenTelemetryTracingProperties.class,
			MeterBinder.class })
	@EnableConfigurationProperties(OpenTelemetryTracingProperties.class)
	static class SpanExportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpanExportMetrics spanExportMetrics() {
			return new SpanExportMetrics();
		}

		/**
		 * Spring Boot's own processor, built the same way (its {@code otelSpanProcessor} backs off to this
		 * bean), plus the failure-counting exporter and the drop-counting meter provider.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnEnabledOpenTelemetry
		BatchSpanProcessor observabilitySpanProcessor(SpanExporters spanExporters,
				ObjectProvider<SpanExportingPredicate> spanExportingPredicates,
				ObjectProvider<SpanReporter> spanReporters, ObjectProvider<SpanFilter> spanFilters,
				OpenTelemetryTracingProperties properties, SpanExportMetrics metrics) {
			OpenTelemetryTracingProperties.Export export = properties.getExport();
			SpanExporter composite = new CompositeSpanExporter(spanExporters.list(),
					spanExportingPredicates.orderedStream().toList(), spanReporters.orderedStream().toList(),
					spanFilters.orderedStream().toList());
			return BatchSpanProcessor.builder(new CountingSpanExporter(composite, metrics))
				.setExportUnsampledSpans(export.isIncludeUnsampled())
				.setExporterTimeout(export.getTimeout())
				.setMaxExportBatchSize(export.getMaxBatchSize())
				.setMaxQueueSize(export.getMaxQueueSize())
				.setScheduleDelay(export.getScheduleDelay())
				.setMeterProvider(new DroppedSpansMeterProvider(metrics))
				.build();
		}

	}

}
