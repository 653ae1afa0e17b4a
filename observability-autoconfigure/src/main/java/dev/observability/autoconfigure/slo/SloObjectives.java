package dev.observability.autoconfigure.slo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.observability.slo.SloRecorder;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The declared objectives at run time. Records the events of {@code events} objectives (as the
 * {@link SloRecorder}), exports every objective's meters (as a {@link MeterBinder}: both {@code slo.events}
 * series exist from start-up) and reports their state for the slo endpoint and health contributor.
 */
public class SloObjectives implements SloRecorder, MeterBinder {

	private final Map<String, SloObjective> objectives;

	private final List<SloObjective> httpObjectives;

	private final List<SloObjective> messageObjectives;

	private final String eventsObjectiveNames;

	private final Map<String, Long> minEvents = new LinkedHashMap<>();

	public SloObjectives(SloProperties properties, Clock clock) {
		Map<String, SloObjective> byName = new LinkedHashMap<>();
		properties.getObjectives().forEach((name, objective) -> {
			byName.put(name, new SloObjective(SloDefinition.of(name, objective),
					new SloCounter(objective.getWindow(), clock)));
			if (objective.getMinEvents() != null) {
				this.minEvents.put(name, objective.getMinEvents());
			}
		});
		this.objectives = Collections.unmodifiableMap(byName);
		this.httpObjectives = byName.values().stream().filter((o) -> o.definition().type().isHttp()).toList();
		this.messageObjectives = byName.values().stream().filter((o) -> o.definition().type().isMessage()).toList();
		this.eventsObjectiveNames = byName.values().stream().filter((o) -> o.definition().type() == SloType.EVENTS)
			.map(SloObjective::getName).toList().toString();
	}

	/** No objectives: what applications that declare none have. */
	public static SloObjectives empty() {
		return new SloObjectives(new SloProperties(), Clock.SYSTEM);
	}

	/** Every objective in declaration order. */
	public List<SloObjective> getObjectives() {
		return new ArrayList<>(this.objectives.values());
	}

	/** The objective of the given name, null when none is declared. */
	public SloObjective get(String name) {
		return this.objectives.get(name);
	}

	/** The availability and latency objectives, fed from http.server.requests. */
	public List<SloObjective> getHttpObjectives() {
		return this.httpObjectives;
	}

	/** The message-availability and message-latency objectives, fed from the Kafka listener observation. */
	public List<SloObjective> getMessageObjectives() {
		return this.messageObjectives;
	}

	@Override
	public void record(String objective, boolean good) {
		SloObjective slo = (objective != null) ? this.objectives.get(objective) : null;
		if (slo == null || slo.definition().type() != SloType.EVENTS) {
			throw new IllegalArgumentException("No SLO objective of type events named '" + objective
					+ "' is declared under observability.slo.objectives; declared events objectives: "
					+ this.eventsObjectiveNames);
		}
		slo.record(good);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SloObjective objective : this.objectives.values()) {
			Tags tags = Tags.of(SloMeters.TAG_SLO, objective.getName());
			FunctionCounter.builder(SloMeters.EVENTS, objective, SloObjective::goodTotal)
				.description("Events of a service level objective by outcome")
				.tags(tags.and(SloMeters.TAG_OUTCOME, SloMeters.OUTCOME_GOOD))
				.register(registry);
			FunctionCounter.builder(SloMeters.EVENTS, objective, SloObjective::badTotal)
				.description("Events of a service level objective by outcome")
				.tags(tags.and(SloMeters.TAG_OUTCOME, SloMeters.OUTCOME_BAD))
				.register(registry);
			Gauge.builder(SloMeters.OBJECTIVE, objective, (o) -> o.definition().objective())
				.description("Target of a service level objective as a ratio of good events")
				.tags(tags)
				.register(registry);
			Long minEvents = this.minEvents.get(objective.getName());
			if (minEvents != null) {
				Gauge.builder(SloMeters.MIN_EVENTS, minEvents, Long::doubleValue)
					.description("Minimum number of events in the long window of a burn-rate alert before it may fire")
					.tags(tags)
					.register(registry);
			}
			Gauge.builder(SloMeters.WINDOW, objective, (o) -> o.definition().window().toSeconds())
				.description("Window of a service level objective")
				.baseUnit("seconds")
				.tags(tags)
				.register(registry);
			Gauge.builder(SloMeters.ERROR_BUDGET_REMAINING, objective, SloObjective::errorBudgetRemaining)
				.description("Error budget left over the objective's window: 1 untouched, 0 spent, negative overspent")
				.tags(tags)
				.register(registry);
			for (BurnWindow window : BurnWindow.values()) {
				Gauge.builder(SloMeters.BURN_RATE, objective, (o) -> o.burnRate(window))
					.description("Error budget burn rate over a rolling window: 1 spends the budget exactly over the objective's window")
					.tags(tags.and(SloMeters.TAG_WINDOW, window.label()))
					.register(registry);
			}
		}
	}

	/** State of every objective by name, in declaration order. */
	public SloReport report() {
		return SloReport.of(getObjectives());
	}

}
