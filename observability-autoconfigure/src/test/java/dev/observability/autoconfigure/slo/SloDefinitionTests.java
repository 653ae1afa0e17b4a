package dev.observability.autoconfigure.slo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An objective's declaration normalised: selectors kept for the types that use them, trimmed, the method
 * upper-cased, every route by default, the target as an exact ratio.
 */
class SloDefinitionTests {

	@Test
	void anHttpObjectiveMatchesEveryRouteAndMethodByDefault() {
		SloDefinition definition = SloDefinition.of("api", objective(SloType.AVAILABILITY, null));
		assertThat(definition).extracting("uri", "method", "listener", "topic").containsExactly("/**", null, null, null);
	}

	@Test
	void anHttpObjectiveKeepsItsRouteAndAnUpperCaseTrimmedMethodButNoMessageSelector() {
		SloProperties.Match match = match("/api/orders/**", " post ", "fulfilment", "orders");
		SloDefinition definition = SloDefinition.of("checkout", objective(SloType.LATENCY, match));
		assertThat(definition).extracting("name", "type", "uri", "method", "listener", "topic")
			.containsExactly("checkout", SloType.LATENCY, "/api/orders/**", "POST", null, null);
	}

	@Test
	void aBlankMethodMatchesAnyMethod() {
		SloDefinition definition = SloDefinition.of("checkout",
				objective(SloType.AVAILABILITY, match("/api/**", "  ", null, null)));
		assertThat(definition.method()).isNull();
	}

	@Test
	void aMessageObjectiveKeepsTrimmedListenerAndTopicButNoHttpSelector() {
		SloProperties.Match match = match("/api/**", "GET", " fulfilment ", " orders ");
		SloDefinition definition = SloDefinition.of("orders", objective(SloType.MESSAGE_LATENCY, match));
		assertThat(definition).extracting("uri", "method", "listener", "topic")
			.containsExactly(null, null, "fulfilment", "orders");
	}

	@Test
	void blankMessageSelectorsMatchAny() {
		SloDefinition definition = SloDefinition.of("orders",
				objective(SloType.MESSAGE_AVAILABILITY, match(null, null, " ", "")));
		assertThat(definition).extracting("listener", "topic").containsExactly(null, null);
	}

	@Test
	void anEventsObjectiveHasNoSelector() {
		SloDefinition definition = SloDefinition.of("payments",
				objective(SloType.EVENTS, match("/api/**", "GET", "fulfilment", "orders")));
		assertThat(definition).extracting("uri", "method", "listener", "topic").containsExactly(null, null, null, null);
	}

	@Test
	void theObjectiveIsTheTargetAsAnExactRatio() {
		SloProperties.Objective objective = objective(SloType.EVENTS, null);
		objective.setTarget(99.9);
		// 99.9 / 100 is 0.9990000000000001 in binary floating point
		assertThat(SloDefinition.of("payments", objective).objective()).isEqualTo(0.999);
		assertThat(SloDefinition.of("payments", objective).target()).isEqualTo(99.9);
	}

	@Test
	void theThresholdInNanosIsUnboundedWithoutAThreshold() {
		assertThat(SloDefinition.of("api", objective(SloType.AVAILABILITY, null)).thresholdNanos())
			.isEqualTo(Long.MAX_VALUE);
		SloProperties.Objective latency = objective(SloType.LATENCY, null);
		latency.setThreshold(Duration.ofMillis(250));
		assertThat(SloDefinition.of("api", latency).thresholdNanos()).isEqualTo(250_000_000L);
	}

	@Test
	void keepsTheWindowAndDescription() {
		SloProperties.Objective objective = objective(SloType.EVENTS, null);
		objective.setDescription("Payments accepted");
		assertThat(SloDefinition.of("payments", objective)).extracting("window", "description")
			.containsExactly(Duration.ofDays(7), "Payments accepted");
	}

	private static SloProperties.Objective objective(SloType type, SloProperties.Match match) {
		SloProperties.Objective objective = new SloProperties.Objective();
		objective.setType(type);
		objective.setTarget(99.0);
		objective.setWindow(Duration.ofDays(7));
		objective.setMatch(match);
		return objective;
	}

	private static SloProperties.Match match(String uri, String method, String listener, String topic) {
		SloProperties.Match match = new SloProperties.Match();
		match.setUri(uri);
		match.setMethod(method);
		match.setListener(listener);
		match.setTopic(topic);
		return match;
	}

}
