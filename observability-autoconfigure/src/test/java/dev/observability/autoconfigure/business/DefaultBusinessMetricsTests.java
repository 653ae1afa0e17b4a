package dev.observability.autoconfigure.business;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.observability.autoconfigure.business.BusinessProperties.MeterType;
import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultBusinessMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final DefaultBusinessMetrics metrics = new DefaultBusinessMetrics(definitions(3), this.registry);

	@Test
	void incrementsCounterWithDeclaredTags() {
		this.metrics.increment("orders.placed", "channel", "web", "payment_method", "card");
		this.metrics.increment("orders.placed", 2, "payment_method", "card", "channel", "web");
		assertThat(this.registry.get("orders.placed").tags("channel", "web", "payment_method", "card").counter().count())
			.isEqualTo(3);
		assertThat(this.registry.get("orders.placed").counter().getId().getDescription()).isEqualTo("Orders placed");
		assertThat(this.registry.get("orders.placed").counter().getId().getBaseUnit()).isEqualTo("orders");
	}

	@Test
	void recordsMissingOrNullTagValuesAsNone() {
		this.metrics.increment("orders.placed", "channel", null);
		assertThat(this.registry.get("orders.placed").tags("channel", "none", "payment_method", "none").counter().count())
			.isEqualTo(1);
	}

	@Test
	void rejectsUndeclaredMeterNamingDeclaredMeters() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.increment("orders.lost"))
			.withMessageContaining("'orders.lost' is not declared")
			.withMessageContaining("orders.placed")
			.withMessageContaining("checkout.duration");
	}

	@Test
	void rejectsUndeclaredTagKeyNamingMeterKeyAndDeclaredKeys() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.metrics.increment("orders.placed", "customer_id", "42"))
			.withMessageContaining("'customer_id'")
			.withMessageContaining("'orders.placed'")
			.withMessageContaining("[channel, payment_method]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.record("order.value", 3.0, "x", "y"))
			.withMessageContaining("'x' is not declared for business meter 'order.value'")
			.withMessageContaining("declared keys: []");
	}

	@Test
	void rejectsRecordingOfTheWrongType() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.increment("checkout.duration"))
			.withMessageContaining("'checkout.duration' is declared as a timer, not a counter")
			.withMessageContaining("record(String, Duration, String...)");
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.set("orders.placed", 1))
			.withMessageContaining("declared as a counter, not a gauge");
	}

	@Test
	void rejectsAnOddNumberOfTagStrings() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.increment("orders.placed", "channel"))
			.withMessageContaining("key/value pairs")
			.withMessageContaining("1 strings");
	}

	@Test
	void rejectsNegativeCounterIncrements() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metrics.increment("orders.placed", -1))
			.withMessageContaining("non-negative");
	}

	@Test
	void collapsesValuesPastTheCapIntoOtherAndCountsTheOverflow() {
		for (int i = 0; i < 10; i++) {
			this.metrics.increment("orders.placed", "channel", "c" + i, "payment_method", "card");
		}
		this.metrics.increment("orders.placed", "channel", "c1", "payment_method", "card");
		assertThat(this.registry.find("orders.placed").counters()).hasSize(4);
		assertThat(this.registry.get("orders.placed").tag("channel", BusinessMetrics.OVERFLOW_TAG_VALUE).counter().count())
			.isEqualTo(7);
		assertThat(this.registry.get("orders.placed").tag("channel", "c1").counter().count()).isEqualTo(2);
		assertThat(overflow("orders.placed", "channel").count()).isEqualTo(7);
		assertThat(overflow("orders.placed", "payment_method").count()).isZero();
	}

	@Test
	void capsEachTagIndependently() {
		for (int i = 0; i < 5; i++) {
			this.metrics.increment("orders.placed", "channel", "web", "payment_method", "p" + i);
		}
		assertThat(overflow("orders.placed", "payment_method").count()).isEqualTo(2);
		assertThat(overflow("orders.placed", "channel").count()).isZero();
	}

	@Test
	void keepsTheCapUnderConcurrentNewValues() throws Exception {
		DefaultBusinessMetrics wide = new DefaultBusinessMetrics(definitions(100), this.registry);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new java.util.ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 1000; i++) {
						wide.increment("orders.placed", "channel", "t" + thread + "-" + i);
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		Set<String> channels = ConcurrentHashMap.newKeySet();
		this.registry.find("orders.placed").counters().forEach((c) -> channels.add(c.getId().getTag("channel")));
		assertThat(channels).hasSize(101).contains(BusinessMetrics.OVERFLOW_TAG_VALUE);
		double total = this.registry.find("orders.placed").counters().stream().mapToDouble(Counter::count).sum();
		assertThat(total).isEqualTo(8000);
		assertThat(overflow("orders.placed", "channel").count()).isEqualTo(7900);
	}

	@Test
	void setsOneGaugeSeriesPerTagCombination() {
		this.metrics.set("carts.active", 5, "channel", "web");
		this.metrics.set("carts.active", 2, "channel", "app");
		this.metrics.set("carts.active", 7, "channel", "web");
		System.gc();
		assertThat(this.registry.get("carts.active").tag("channel", "web").gauge().value()).isEqualTo(7);
		assertThat(this.registry.get("carts.active").tag("channel", "app").gauge().value()).isEqualTo(2);
	}

	@Test
	void recordsTimersAndSummaries() {
		this.metrics.record("checkout.duration", Duration.ofMillis(250));
		this.metrics.record("order.value", 1999.0);
		assertThat(this.registry.get("checkout.duration").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("order.value").summary().totalAmount()).isEqualTo(1999.0);
		assertThat(this.registry.get("order.value").summary().getId().getBaseUnit()).isEqualTo("cents");
	}

	@Test
	void registersUntaggedDeclaredMetersAtZeroAndTaggedOnesOnFirstUse() {
		this.metrics.registerDeclaredMeters();
		assertThat(this.registry.get("checkout.duration").timer().count()).isZero();
		assertThat(this.registry.get("order.value").summary().count()).isZero();
		assertThat(this.registry.get("refunds").counter().count()).isZero();
		assertThat(this.registry.find("orders.placed").counters()).isEmpty();
		assertThat(this.registry.find("carts.active").gauges()).isEmpty();
	}

	@Test
	void registersBothOutcomesOfAnUntaggedEventCounterAtZero() {
		BusinessMeterDefinitions definitions = definitions(3);
		definitions.get("refunds").markEventCounter();
		DefaultBusinessMetrics events = new DefaultBusinessMetrics(definitions, this.registry);
		events.registerDeclaredMeters();
		assertThat(this.registry.get("refunds").tag("outcome", "success").counter().count()).isZero();
		assertThat(this.registry.get("refunds").tag("outcome", "failure").counter().count()).isZero();
		events.increment("refunds");
		assertThat(this.registry.get("refunds").tag("outcome", "none").counter().count()).isEqualTo(1);
	}

	private Counter overflow(String meter, String tag) {
		return this.registry.get("observability.business.tag.overflow").tags("meter", meter, "tag", tag).counter();
	}

	static BusinessMeterDefinitions definitions(int maxTagValues) {
		BusinessProperties properties = new BusinessProperties();
		properties.setMaxTagValues(maxTagValues);
		properties.getMeters().put("orders.placed", meter(MeterType.COUNTER, "Orders placed", "orders", "channel", "payment_method"));
		properties.getMeters().put("checkout.duration", meter(MeterType.TIMER, "Checkout duration", null));
		properties.getMeters().put("order.value", meter(MeterType.SUMMARY, "Order value", "cents"));
		properties.getMeters().put("carts.active", meter(MeterType.GAUGE, "Active carts", "carts", "channel"));
		properties.getMeters().put("refunds", meter(MeterType.COUNTER, "Refunds", null));
		properties.afterPropertiesSet();
		return new BusinessMeterDefinitions(properties);
	}

	private static BusinessProperties.Meter meter(MeterType type, String description, String unit, String... tags) {
		BusinessProperties.Meter meter = new BusinessProperties.Meter();
		meter.setType(type);
		meter.setDescription(description);
		meter.setBaseUnit(unit);
		meter.setTags(new java.util.ArrayList<>(List.of(tags)));
		return meter;
	}

}
