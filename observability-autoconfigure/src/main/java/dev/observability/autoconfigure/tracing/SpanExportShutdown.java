package dev.observability.autoconfigure.tracing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Bounds the span export at shutdown: as one of the last lifecycle steps (after the web server stopped taking
 * requests), shuts the OpenTelemetry tracer provider down, which exports the spans still queued, and waits for
 * at most {@code observability.tracing.shutdown-timeout}. Spring Boot closes the provider later again, but a
 * second shutdown returns at once. Without this, an unreachable collector holds the JVM for the exporter's
 * retries (with a refused connection, several seconds of back-off) on top of Boot's 10 s close timeouts.
 * Spans still unexported at the deadline are lost, with one WARN; the export threads are daemons.
 */
public class SpanExportShutdown implements SmartLifecycle {

	/** Stops after every lifecycle bean of a default or web-server phase. */
	static final int PHASE = Integer.MIN_VALUE + 1024;

	private static final Log logger = LogFactory.getLog(SpanExportShutdown.class);

	private final ObjectProvider<SdkTracerProvider> tracerProvider;

	private final Duration timeout;

	private volatile boolean running;

	public SpanExportShutdown(ObjectProvider<SdkTracerProvider> tracerProvider, Duration timeout) {
		this.tracerProvider = tracerProvider;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		SdkTracerProvider provider = this.tracerProvider.getIfUnique();
		if (provider == null) {
			return;
		}
		long start = System.nanoTime();
		CompletableResultCode result = provider.shutdown().join(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!result.isDone()) {
			logger.warn("Span export did not finish within observability.tracing.shutdown-timeout=" + this.timeout.toMillis()
					+ "ms (collector unreachable?); spans still queued are dropped");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Span export finished " + (System.nanoTime() - start) / 1_000_000 + "ms after shutdown began");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
