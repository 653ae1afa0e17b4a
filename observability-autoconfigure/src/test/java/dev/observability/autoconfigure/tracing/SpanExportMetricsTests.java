package dev.observability.autoconfigure.tracing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's own span processor and OTLP exporters, given the starter's {@link SpanExportMetrics} as their
 * meter provider, report dropped and failed spans; a real HTTP collector on 127.0.0.1 answers the exports.
 */
class SpanExportMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracingObservabilityAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				OtlpTracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	private final AtomicInteger collectorStatus = new AtomicInteger(200);

	private final AtomicInteger collectorRequests = new AtomicInteger();

	private HttpServer collector;

	@BeforeEach
	void startCollector() throws IOException {
		this.collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.collector.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			this.collectorRequests.incrementAndGet();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(this.collectorStatus.get(), -1);
			exchange.close();
		});
		this.collector.start();
	}

	@AfterEach
	void stopCollector() {
		this.collector.stop(0);
	}

	@Test
	void countsTheSpansBootsProcessorDropsOnAFullQueue() {
		StallingExporter exporter = new StallingExporter();
		this.contextRunner.withBean(SpanExporter.class, () -> exporter)
			.withPropertyValues("management.opentelemetry.tracing.export.max-queue-size=2",
					"management.opentelemetry.tracing.export.max-batch-size=1",
					"management.opentelemetry.tracing.export.schedule-delay=1h")
			.run((context) -> {
				SimpleMeterRegistry registry = boundRegistry(context);
				try {
					endSpans(context.getBean(Tracer.class), exporter, 10);
					// one span in the stalled export, two queued, seven dropped
					assertThat(registry.get(SpanExportMetrics.SPANS_DROPPED).functionCounter().count()).isEqualTo(7);
					assertThat(registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().count())
						.isZero();
				}
				finally {
					exporter.release();
				}
			});
	}

	@Test
	void countsTheSpansDroppedByAProcessorReportingSemanticConventionMetrics() throws InterruptedException {
		SpanExportMetrics metrics = new SpanExportMetrics();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		StallingExporter exporter = new StallingExporter();
		BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter)
			.setMaxQueueSize(2)
			.setMaxExportBatchSize(1)
			.setScheduleDelay(Duration.ofHours(1))
			.setMeterProvider(metrics)
			.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
			.build();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
			endSpans(tracerProvider.get("test"), exporter, 10);
			assertThat(registry.get(SpanExportMetrics.SPANS_DROPPED).functionCounter().count()).isEqualTo(7);
			exporter.release();
		}
	}

	@Test
	void countsTheSpansBootsOtlpExporterFailsToSend() {
		this.collectorStatus.set(400);
		this.contextRunner.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint())
			.run((context) -> {
				SimpleMeterRegistry registry = boundRegistry(context);
				endSpansAndFlush(context, 3);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(
							registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().count())
						.isEqualTo(3));
				assertThat(registry.get(SpanExportMetrics.SPANS_DROPPED).functionCounter().count()).isZero();
			});
	}

	@Test
	void countsFailuresOfAnOtlpExporterReportingSemanticConventionMetrics() {
		this.collectorStatus.set(400);
		this.contextRunner.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint())
			.withBean(OtlpHttpSpanExporterBuilderCustomizer.class,
					() -> (builder) -> builder.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST))
			.run((context) -> {
				SimpleMeterRegistry registry = boundRegistry(context);
				endSpansAndFlush(context, 2);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(
							registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().count())
						.isEqualTo(2));
			});
	}

	@Test
	void countsNothingWhenTheCollectorAcceptsTheSpans() {
		this.contextRunner.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint())
			.run((context) -> {
				SimpleMeterRegistry registry = boundRegistry(context);
				endSpansAndFlush(context, 3);
				assertThat(this.collectorRequests).hasPositiveValue();
				assertThat(registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().count()).isZero();
				assertThat(registry.get(SpanExportMetrics.SPANS_DROPPED).functionCounter().count()).isZero();
			});
	}

	@Test
	void doesNotCountFailedLogExportsAsSpans() {
		this.collectorStatus.set(400);
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(OpenTelemetryLoggingAutoConfiguration.class,
					OtlpLoggingAutoConfiguration.class))
			.withPropertyValues("management.opentelemetry.logging.export.otlp.endpoint=" + endpoint())
			.run((context) -> {
				SimpleMeterRegistry registry = boundRegistry(context);
				SdkLoggerProvider loggerProvider = context.getBean(SdkLoggerProvider.class);
				loggerProvider.get("test").logRecordBuilder().setBody("not a span").emit();
				loggerProvider.forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(this.collectorRequests).hasPositiveValue();
				assertThat(registry.get(SpanExportMetrics.SPANS_EXPORT_FAILURES).functionCounter().count()).isZero();
			});
	}

	private String endpoint() {
		return "http://127.0.0.1:" + this.collector.getAddress().getPort() + "/v1/traces";
	}

	private static SimpleMeterRegistry boundRegistry(AssertableApplicationContext context) {
		assertThat(context).hasSingleBean(SpanExportMetrics.class);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		context.getBean(SpanExportMetrics.class).bindTo(registry);
		return registry;
	}

	private static void endSpansAndFlush(AssertableApplicationContext context, int count) {
		Tracer tracer = context.getBean(Tracer.class);
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
	}

	/** Ends the first span, waits until the processor's worker is stuck exporting it, then ends the rest. */
	private static void endSpans(Tracer tracer, StallingExporter exporter, int count) throws InterruptedException {
		tracer.spanBuilder("span-0").startSpan().end();
		assertThat(exporter.exporting.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 1; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
	}

	/** An exporter whose first export never completes until released: the processor's queue fills up. */
	static final class StallingExporter implements SpanExporter {

		private final CountDownLatch exporting = new CountDownLatch(1);

		private final CompletableResultCode pending = new CompletableResultCode();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exporting.countDown();
			return this.pending;
		}

		void release() {
			this.pending.succeed();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			release();
			return CompletableResultCode.ofSuccess();
		}

	}

}
