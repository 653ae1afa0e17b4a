package dev.observability.autoconfigure.tracing;

import dev.observability.autoconfigure.InvalidPropertyException;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TracingObservabilityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracingObservabilityAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class));

	@Test
	void providesHeadersFilterSpanAttributesAndSpanExportMetricsForBootsProcessorByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TraceHeadersFilter.class)
				.hasSingleBean(ServerSpanAttributesObservationFilter.class)
				.hasSingleBean(SpanExportMetrics.class)
				.hasSingleBean(BatchSpanProcessor.class)
				.hasBean("otelSpanProcessor")
				.doesNotHaveBean(InboundTraceRestartFilter.class);
			assertThat(context.getBean(MeterProvider.class)).isSameAs(context.getBean(SpanExportMetrics.class));
			assertThat(context.getBean(TracingProperties.class).getInbound().getTrust())
				.isEqualTo(TracingProperties.InboundTrust.CONTINUE);
		});
	}

	@Test
	void addsTheRestartFilterOnlyWhenInboundTrustIsRestart() {
		this.contextRunner.withPropertyValues("observability.tracing.inbound.trust=restart")
			.run((context) -> assertThat(context).hasSingleBean(InboundTraceRestartFilter.class));
	}

	@Test
	void failsOnAnUnknownInboundTrustValue() {
		this.contextRunner.withPropertyValues("observability.tracing.inbound.trust=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("observability.tracing.inbound.trust");
		});
	}

	@Test
	void failsOnAnInvalidHeaderNameNamingKeyValueAndWhatIsAllowed() {
		this.contextRunner.withPropertyValues("observability.tracing.trace-id-header=X Trace").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidPropertyException.class)
				.hasMessageContaining("observability.tracing.trace-id-header")
				.hasMessageContaining("X Trace")
				.hasMessageContaining("HTTP header name");
		});
	}

	@Test
	void failsOnAnInvalidBaggageMdcKey() {
		this.contextRunner.withPropertyValues("observability.tracing.baggage.mdc-keys=ok,bad key").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("observability.tracing.baggage.mdc-keys[1]")
				.hasMessageContaining("bad key");
		});
	}

	@Test
	void backsOffToUserBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(TraceHeadersFilter.class).hasBean("userFilter");
			assertThat(context).hasSingleBean(MeterProvider.class)
				.hasBean("userMeterProvider")
				.doesNotHaveBean(SpanExportMetrics.class);
		});
	}

	@Test
	void backsOffEntirelyWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TraceHeadersFilter.class)
				.doesNotHaveBean(SpanExportMetrics.class);
			assertThat(context).hasSingleBean(BatchSpanProcessor.class).hasBean("otelSpanProcessor");
		});
	}

	@Test
	void keepsHeadersButSkipsExportCountingWithoutTheOpenTelemetrySdk() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracingObservabilityAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(BatchSpanProcessor.class))
			.run((context) -> assertThat(context).hasSingleBean(TraceHeadersFilter.class)
				.doesNotHaveBean(SpanExportMetrics.class));
	}

	@Test
	void addsNoFilterWithoutMicrometerTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(io.micrometer.tracing.Tracer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TraceHeadersFilter.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		TraceHeadersFilter userFilter() {
			return new TraceHeadersFilter(null, null, new TracingProperties());
		}

		@Bean
		MeterProvider userMeterProvider() {
			return MeterProvider.noop();
		}

	}

}
