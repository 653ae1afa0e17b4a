package dev.observability.autoconfigure.cardinality;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.observability.autoconfigure.LogRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class CardinalityGuardTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final CountingGuard guard = new CountingGuard(10);

	CardinalityGuardTests() {
		this.registry.config().meterFilter(this.guard.filterFor(this.registry));
	}

	@Test
	void foldsNewSeriesPastTheLimitIntoOneOverflowSeriesKeepingTheTotal() {
		for (int i = 0; i < 25; i++) {
			this.registry.counter("orders", "customer", "c" + i, "channel", "web").increment();
		}
		assertThat(this.registry.find("orders").counters()).hasSize(10);
		assertThat(this.registry.get("orders").tags("customer", "OTHER", "channel", "OTHER").counter().count())
			.isEqualTo(16);
		assertThat(this.registry.get(CardinalityGuard.OVERFLOW).tag("meter", "orders").counter().count())
			.isEqualTo(16);
		assertThat(this.registry.find(CardinalityGuard.DENIED).counters()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Recording.class)
	void keepsTheExactSumOver5000DistinctTagValuesWithinTheCap(Recording recording) {
		MeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(new CardinalityGuard(100).filterFor(registry));
		for (int i = 0; i < 5_000; i++) {
			recording.record(registry, "user-" + i);
		}
		assertThat(registry.find("flood").meters()).hasSize(100);
		assertThat(registry.find("flood").meters().stream().mapToDouble(recording::count).sum()).isEqualTo(5_000);
		assertThat(registry.get(CardinalityGuard.OVERFLOW).tag("meter", "flood").counter().count()).isEqualTo(4_901);
	}

	@Test
	void countsEachNewSeriesFoldedIntoTheOverflowSeries() {
		for (int i = 0; i < 9; i++) {
			this.registry.counter("orders", "customer", "c" + i);
		}
		for (int i = 0; i < 3; i++) {
			this.registry.counter("orders", "customer", "late-" + i).increment();
		}
		assertThat(this.registry.find("orders").tag("customer", "late-0").counter()).isNull();
		assertThat(this.registry.get("orders").tag("customer", "OTHER").counter().count()).isEqualTo(3);
		assertThat(this.registry.get(CardinalityGuard.OVERFLOW).tag("meter", "orders").counter().count())
			.isEqualTo(3);
	}

	@Test
	void deniesNewGaugesPastTheLimitAndCountsEachDenial() {
		for (int i = 0; i < 25; i++) {
			this.registry.gauge("queue.size", Tags.of("queue", "q" + i), i);
		}
		assertThat(this.registry.find("queue.size").gauges()).hasSize(9);
		assertThat(this.registry.get(CardinalityGuard.DENIED).tag("meter", "queue.size").counter().count())
			.isEqualTo(16);
		assertThat(this.registry.find(CardinalityGuard.OVERFLOW).counters()).isEmpty();
	}

	@Test
	void keepsRecordingOnAcceptedSeriesAfterTheLimit() {
		for (int i = 0; i < 20; i++) {
			this.registry.counter("orders", "customer", "c" + i).increment();
		}
		this.registry.counter("orders", "customer", "c3").increment();
		assertThat(this.registry.get("orders").tag("customer", "c3").counter().count()).isEqualTo(2);
	}

	@Test
	void limitsEachMeterNameSeparately() {
		for (int i = 0; i < 12; i++) {
			this.registry.counter("a", "k", "v" + i);
			this.registry.counter("b", "k", "v" + i);
		}
		assertThat(this.registry.find("a").counters()).hasSize(10);
		assertThat(this.registry.find("b").counters()).hasSize(10);
		assertThat(this.registry.get(CardinalityGuard.OVERFLOW).tag("meter", "b").counter().count()).isEqualTo(3);
	}

	@Test
	void logsOneWarningPerMeterNamingMeterAndLimit() {
		try (LogRecorder log = new LogRecorder(CardinalityGuard.class)) {
			for (int i = 0; i < 30; i++) {
				this.registry.counter("noisy.meter", "id", "v" + i);
				this.registry.counter("other.meter", "id", "v" + i);
			}
			assertThat(log.messages()).hasSize(2);
			assertThat(log.messages().get(0))
				.startsWith("Meter 'noisy.meter' reached observability.cardinality.max-series-per-meter=10");
			assertThat(log.messages().get(1)).startsWith("Meter 'other.meter' reached");
		}
	}

	@Test
	void neverDeniesItsOwnCounterAndBoundsItsMeterTag() {
		for (int name = 0; name < 30; name++) {
			for (int i = 0; i < 11; i++) {
				this.registry.counter("meter" + name, "k", "v" + i);
			}
		}
		assertThat(this.registry.find(CardinalityGuard.OVERFLOW).counters()).hasSize(11);
		assertThat(this.registry.get(CardinalityGuard.OVERFLOW).tag("meter", "OTHER").counter().count())
			.isEqualTo(40);
	}

	@Test
	void consultsTheFilterOnlyForIdsTheRegistryHasNotCached() {
		Counter counter = this.registry.counter("orders", "customer", "c1");
		int before = this.guard.accepts;
		for (int i = 0; i < 100; i++) {
			this.registry.counter("orders", "customer", "c1").increment();
		}
		assertThat(this.guard.accepts).isEqualTo(before);
		assertThat(counter.count()).isEqualTo(100);
	}

	/** A kind of meter recorded once per distinct tag value, and the total it holds. */
	enum Recording {

		COUNTER {
			@Override
			void record(MeterRegistry registry, String user) {
				registry.counter("flood", "user", user).increment();
			}

			@Override
			double count(Meter meter) {
				return ((Counter) meter).count();
			}
		},

		TIMER {
			@Override
			void record(MeterRegistry registry, String user) {
				Timer.builder("flood").tag("user", user).register(registry).record(Duration.ofMillis(5));
			}

			@Override
			double count(Meter meter) {
				return ((Timer) meter).count();
			}
		},

		SUMMARY {
			@Override
			void record(MeterRegistry registry, String user) {
				DistributionSummary.builder("flood").tag("user", user).register(registry).record(1);
			}

			@Override
			double count(Meter meter) {
				return ((DistributionSummary) meter).count();
			}
		};

		abstract void record(MeterRegistry registry, String user);

		abstract double count(Meter meter);

	}

	/** Counts how often Micrometer consults the guard's filter. */
	static final class CountingGuard extends CardinalityGuard {

		volatile int accepts;

		CountingGuard(int max) {
			super(max);
		}

		@Override
		public MeterFilter filterFor(MeterRegistry registry) {
			MeterFilter filter = super.filterFor(registry);
			return new MeterFilter() {
				@Override
				public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
					return filter.map(id);
				}

				@Override
				public io.micrometer.core.instrument.config.MeterFilterReply accept(io.micrometer.core.instrument.Meter.Id id) {
					CountingGuard.this.accepts++;
					return filter.accept(id);
				}
			};
		}

	}

}
