package dev.observability.autoconfigure.tracing;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Counts the spans of every export that fails or never completes successfully (the OTLP exporter fails the
 * result when its own timeout elapses, so a hanging collector is counted too).
 */
class CountingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final SpanExportMetrics metrics;

	CountingSpanExporter(SpanExporter delegate, SpanExportMetrics metrics) {
		this.delegate = delegate;
		this.metrics = metrics;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.metrics.spansFailed(count);
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		result.whenComplete(() -> {
			if (!result.isSuccess()) {
				this.metrics.spansFailed(count);
			}
		});
		return result;
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public String toString() {
		return "CountingSpanExporter{" + this.delegate + "}";
	}

}
