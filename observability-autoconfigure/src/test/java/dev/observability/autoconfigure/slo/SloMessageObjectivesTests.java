package dev.observability.autoconfigure.slo;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message objective types: binding, validation and how each outcome counts on each type. The feed from a real
 * broker is tested in the messaging package.
 */
class SloMessageObjectivesTests {

	private static final String P = "observability.slo.objectives.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SloAutoConfiguration.class));

	@Test
	void countsProcessedAndGivenUpMessagesOnTheMatchingObjectivesOnly() {
		this.contextRunner.withPropertyValues(P + "availability.type=message-availability", P + "availability.target=99",
				P + "availability.match.listener=fulfilment", P + "e2e.type=message-latency", P + "e2e.target=99",
				P + "e2e.threshold=2s", P + "e2e.match.topic=order-placed", P + "processing.type=message-processing-latency",
				P + "processing.target=99", P + "processing.threshold=100ms", P + "http.type=availability",
				P + "http.target=99")
			.run((context) -> {
				SloObjectives objectives = context.getBean(SloObjectives.class);
				SloMessageOutcomes outcomes = new SloMessageOutcomes(objectives);
				outcomes.processed("fulfilment", "order-placed", ms(50), ms(1500));
				outcomes.processed("fulfilment", "order-placed", ms(150), ms(2500));
				outcomes.processed("billing", "order-placed", ms(10), ms(10));
				outcomes.processed("fulfilment", "returns", ms(10), ms(10));
				outcomes.gaveUp("fulfilment", "order-placed");
				assertThat(counts(objectives, "availability")).containsExactly(3.0, 1.0);
				assertThat(counts(objectives, "e2e")).containsExactly(2.0, 2.0);
				assertThat(counts(objectives, "processing")).containsExactly(3.0, 2.0);
				assertThat(counts(objectives, "http")).containsExactly(0.0, 0.0);
				assertThat(objectives.get("e2e").report()).extracting("type", "topic", "listener", "uri")
					.containsExactly("message-latency", "order-placed", null, null);
				assertThat(objectives.getHttpObjectives()).extracting(SloObjective::getName).containsExactly("http");
			});
	}

	@Test
	void failsFastOnAMessageLatencyWithoutThreshold() {
		this.contextRunner.withPropertyValues(P + "e2e.type=message-latency", P + "e2e.target=99")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + P + "e2e.threshold with value"));
	}

	@Test
	void failsFastOnAnHttpSelectorOnAMessageObjective() {
		this.contextRunner
			.withPropertyValues(P + "m.type=message-availability", P + "m.target=99", P + "m.match.uri=/api/**")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property " + P + "m.match with value")
				.hasMessageContaining("uri=/api/**")
				.hasMessageContaining("listener and topic only"));
	}

	@Test
	void failsFastOnAMessageSelectorOnAnHttpObjective() {
		this.contextRunner.withPropertyValues(P + "h.type=availability", P + "h.target=99", P + "h.match.topic=orders")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property " + P + "h.match with value")
				.hasMessageContaining("topic=orders")
				.hasMessageContaining("uri and method only"));
	}

	@Test
	void recorderRejectsAMessageObjective() {
		this.contextRunner.withPropertyValues(P + "m.type=message-availability", P + "m.target=99")
			.run((context) -> org.assertj.core.api.Assertions
				.assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(SloObjectives.class).record("m", true)));
	}

	private static long ms(long millis) {
		return TimeUnit.MILLISECONDS.toNanos(millis);
	}

	private static double[] counts(SloObjectives objectives, String name) {
		SloObjective objective = objectives.get(name);
		return new double[] { objective.goodTotal(), objective.badTotal() };
	}

}
