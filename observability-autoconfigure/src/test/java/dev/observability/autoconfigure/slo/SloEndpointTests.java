package dev.observability.autoconfigure.slo;

import dev.observability.autoconfigure.slo.SloReport.ObjectiveReport;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The slo endpoint's reads and the objectives' meters, on objectives bound from properties.
 */
class SloEndpointTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SloAutoConfiguration.class))
		.withBean(MockClock.class, MockClock::new)
		.withPropertyValues("management.endpoints.web.exposure.include=slo",
				"observability.slo.objectives.checkout.type=latency",
				"observability.slo.objectives.checkout.target=99",
				"observability.slo.objectives.checkout.threshold=1500ms",
				"observability.slo.objectives.checkout.window=7d",
				"observability.slo.objectives.checkout.description=Checkout under 1.5 s",
				"observability.slo.objectives.checkout.match.uri=/api/orders/**",
				"observability.slo.objectives.checkout.match.method= post ",
				"observability.slo.objectives.payments.type=events",
				"observability.slo.objectives.payments.target=99.5",
				"observability.slo.objectives.payments.window=2h",
				"observability.slo.objectives.catalog.type=availability",
				"observability.slo.objectives.catalog.target=99.9");

	@Test
	void reportsEveryObjectiveInDeclarationOrder() {
		this.contextRunner.run((context) -> {
			SloEndpoint endpoint = context.getBean(SloEndpoint.class);
			assertThat(endpoint.objectives().objectives()).containsOnlyKeys("checkout", "payments", "catalog");
			assertThat(endpoint.objectives().objectives().keySet()).containsExactly("checkout", "payments", "catalog");
		});
	}

	@Test
	void reportsOneObjectiveWithItsDefinitionCountsAndBurnRates() {
		this.contextRunner.run((context) -> {
			SloObjectives objectives = context.getBean(SloObjectives.class);
			for (int i = 0; i < 3; i++) {
				objectives.get("checkout").record(true);
			}
			objectives.get("checkout").record(false);
			ObjectiveReport checkout = context.getBean(SloEndpoint.class).objective("checkout");
			assertThat(checkout).extracting("type", "description", "target", "window", "threshold", "uri", "method",
					"listener", "topic", "good", "bad", "sli", "alert")
				.containsExactly("latency", "Checkout under 1.5 s", 99.0, "7d", "1500ms", "/api/orders/**", "POST", null,
						null, 3L, 1L, 0.75, "page");
			assertThat(checkout.errorBudgetRemaining()).isCloseTo(1 - 0.25 / 0.01, within());
			assertThat(checkout.burnRate()).containsOnlyKeys("5m", "30m", "1h", "2h", "6h", "1d", "3d")
				.allSatisfy((window, rate) -> assertThat(rate).isCloseTo(25.0, within()));
			assertThat(checkout.burnRate().keySet()).containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
		});
	}

	@Test
	void reportsAnEventsObjectiveWithoutHttpFieldsAndAnUntouchedOneAsPerfect() {
		this.contextRunner.run((context) -> {
			SloEndpoint endpoint = context.getBean(SloEndpoint.class);
			ObjectiveReport payments = endpoint.objective("payments");
			assertThat(payments).extracting("uri", "method", "threshold", "description", "type", "window", "good", "bad",
					"sli", "errorBudgetRemaining", "alert")
				.containsExactly(null, null, null, null, "events", "2h", 0L, 0L, 1.0, 1.0, "none");
			assertThat(endpoint.objective("catalog")).extracting("uri", "method").containsExactly("/**", null);
			assertThat(endpoint.objective("unknown")).isNull();
		});
	}

	@Test
	void recordsEventsObjectivesOnlyAndNamesTheDeclaredOnesOtherwise() {
		this.contextRunner.run((context) -> {
			SloObjectives objectives = context.getBean(SloObjectives.class);
			objectives.record("payments", true);
			objectives.record("payments", false);
			assertThat(objectives.get("payments").goodTotal()).isEqualTo(1);
			assertThat(objectives.get("payments").badTotal()).isEqualTo(1);
			assertThatIllegalArgumentException().isThrownBy(() -> objectives.record("checkout", true))
				.withMessageContaining("'checkout'")
				.withMessageContaining("declared events objectives: [payments]");
			assertThatIllegalArgumentException().isThrownBy(() -> objectives.record(null, true))
				.withMessageContaining("'null'");
			assertThat(objectives.getHttpObjectives()).extracting(SloObjective::getName)
				.containsExactly("checkout", "catalog");
		});
	}

	@Test
	void exportsTheObjectiveWindowBudgetAndBurnRatesAsMeters() {
		this.contextRunner.run((context) -> {
			SloObjectives objectives = context.getBean(SloObjectives.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			objectives.bindTo(registry);
			objectives.record("payments", false);
			assertThat(registry.get(SloMeters.OBJECTIVE).tag("slo", "payments").gauge().value()).isEqualTo(0.995);
			assertThat(registry.get(SloMeters.WINDOW).tag("slo", "payments").gauge().value()).isEqualTo(7200);
			assertThat(registry.get(SloMeters.WINDOW).tag("slo", "payments").gauge().getId().getBaseUnit())
				.isEqualTo("seconds");
			assertThat(registry.get(SloMeters.ERROR_BUDGET_REMAINING).tag("slo", "payments").gauge().value())
				.isCloseTo(1 - 1 / 0.005, within());
			assertThat(registry.get(SloMeters.BURN_RATE).tags("slo", "payments", "window", "1h").gauge().value())
				.isCloseTo(200, within());
			assertThat(registry.get(SloMeters.EVENTS).tags("slo", "payments", "outcome", "bad").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get(SloMeters.EVENTS).tags("slo", "payments", "outcome", "good").functionCounter().count())
				.isZero();
			assertThat(registry.find(SloMeters.BURN_RATE).tag("slo", "checkout").gauges()).hasSize(7);
		});
	}

	private static org.assertj.core.data.Offset<Double> within() {
		return org.assertj.core.data.Offset.offset(1e-9);
	}

}
