package dev.observability.autoconfigure.cardinality;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.observability.autoconfigure.LogRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class CardinalityGuardTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final CountingGuard guard = new CountingGuard(10);

	CardinalityGuardTests() {
		this.registry.config().meterFilter(this.guard.filterFor(this.registry));
	}

	@Test
	void deniesNewSeriesPastTheLimitAndCountsEachDenial() {
		for (int i = 0; i < 25; i++) {
			this.registry.counter("orders", "customer", "c" + i).increment();
		}
		assertThat(this.registry.find("orders").counters()).hasSize(10);
		assertThat(this.registry.get("observability.cardinality.denied").tag("meter", "orders").counter().count())
			.isEqualTo(15);
	}

	@Test
	void countsEveryRecordingAttemptOnADeniedSeries() {
		for (int i = 0; i < 10; i++) {
			this.registry.counter("orders", "customer", "c" + i);
		}
		for (int i = 0; i < 3; i++) {
			this.registry.counter("orders", "customer", "late").increment();
		}
		assertThat(this.registry.find("orders").tag("customer", "late").counter()).isNull();
		assertThat(this.registry.get("observability.cardinality.denied").tag("meter", "orders").counter().count())
			.isEqualTo(3);
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
		assertThat(this.registry.get("observability.cardinality.denied").tag("meter", "b").counter().count())
			.isEqualTo(2);
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
		assertThat(this.registry.find("observability.cardinality.denied").counters()).hasSize(11);
		assertThat(this.registry.get("observability.cardinality.denied").tag("meter", "OTHER").counter().count())
			.isEqualTo(20);
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
				public io.micrometer.core.instrument.config.MeterFilterReply accept(io.micrometer.core.instrument.Meter.Id id) {
					CountingGuard.this.accepts++;
					return filter.accept(id);
				}
			};
		}

	}

}
