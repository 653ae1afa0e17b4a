package dev.observability.autoconfigure.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;

/**
 * The OpenTelemetry SDK's {@code BatchSpanProcessor} reports the spans it drops on a full queue only through
 * an OpenTelemetry {@link MeterProvider}; Spring Boot gives it none that reaches Micrometer. This minimal
 * provider, handed to the starter's processor only (it is not a bean), turns the processor's
 * processed-spans counter into {@link SpanExportMetrics#spansDropped(long)}: the legacy instrument marks drops
 * with {@code dropped=true}, the semantic-convention one with an {@code error.type}. Every other instrument is
 * a no-op.
 */
final class DroppedSpansMeterProvider implements MeterProvider {

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final Meter NOOP = MeterProvider.noop().get("noop");

	private final SpanExportMetrics metrics;

	DroppedSpansMeterProvider(SpanExportMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		Meter meter = new DropCountingMeter();
		return new MeterBuilder() {

			@Override
			public MeterBuilder setSchemaUrl(String schemaUrl) {
				return this;
			}

			@Override
			public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
				return this;
			}

			@Override
			public Meter build() {
				return meter;
			}

		};
	}

	private void record(long value, Attributes attributes) {
		if (attributes != null
				&& (Boolean.TRUE.equals(attributes.get(DROPPED)) || attributes.get(ERROR_TYPE) != null)) {
			this.metrics.spansDropped(value);
		}
	}

	private final class DropCountingMeter implements Meter {

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			LongCounterBuilder noop = NOOP.counterBuilder(name);
			return new LongCounterBuilder() {

				@Override
				public LongCounterBuilder setDescription(String description) {
					return this;
				}

				@Override
				public LongCounterBuilder setUnit(String unit) {
					return this;
				}

				@Override
				public DoubleCounterBuilder ofDoubles() {
					return noop.ofDoubles();
				}

				@Override
				public LongCounter build() {
					return new LongCounter() {

						@Override
						public void add(long value) {
						}

						@Override
						public void add(long value, Attributes attributes) {
							record(value, attributes);
						}

						@Override
						public void add(long value, Attributes attributes, Context context) {
							record(value, attributes);
						}

					};
				}

				@Override
				public ObservableLongCounter buildWithCallback(
						java.util.function.Consumer<ObservableLongMeasurement> callback) {
					return noop.buildWithCallback(callback);
				}

			};
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			return NOOP.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return NOOP.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			return NOOP.gaugeBuilder(name);
		}

	}

}
