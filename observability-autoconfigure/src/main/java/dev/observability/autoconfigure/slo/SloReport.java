package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.convert.DurationStyle;

/**
 * Response of {@code /actuator/slo}: every objective's report by name, in declaration order. Like Spring Boot's
 * own endpoint responses, it is serialised by the actuator's JSON mapper, which leaves out null fields.
 *
 * @param objectives the objectives' reports by name
 */
public record SloReport(Map<String, ObjectiveReport> objectives) implements OperationResponseBody {

	/** Units a duration is printed in, the largest that states it exactly first (30d, 1500ms). */
	private static final List<ChronoUnit> UNITS = List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
			ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS);

	/** The report of every objective. */
	public static SloReport of(List<SloObjective> objectives) {
		Map<String, ObjectiveReport> reports = new LinkedHashMap<>();
		objectives.forEach((objective) -> reports.put(objective.definition().name(), ObjectiveReport.of(objective)));
		return new SloReport(reports);
	}

	/**
	 * Duration as written in configuration, in the largest unit that states it exactly, printed by Spring Boot's
	 * {@link DurationStyle#SIMPLE}; null for null. Jackson would write ISO-8601 ({@code PT720H}).
	 */
	static String print(Duration duration) {
		if (duration == null) {
			return null;
		}
		ChronoUnit unit = UNITS.stream()
			.filter((candidate) -> duration.toNanos() % candidate.getDuration().toNanos() == 0)
			.findFirst()
			.orElse(ChronoUnit.NANOS);
		return DurationStyle.SIMPLE.print(duration, unit);
	}

	/**
	 * One objective: its definition, then its events, SLI and error budget left over its window, its burn rate
	 * per rolling window and the alert state those burn rates give.
	 *
	 * @param type the objective's type ({@code message-latency})
	 * @param description the objective's description, null when none
	 * @param target the target in percent
	 * @param window the objective's window ({@code 30d})
	 * @param threshold the latency threshold ({@code 300ms}), null for types without one
	 * @param uri the route template pattern of an HTTP objective, null for other types
	 * @param method the HTTP method of an HTTP objective, null for any
	 * @param listener the listener id of a message objective, null for any
	 * @param topic the topic of a message objective, null for any
	 * @param good the good events over the window
	 * @param bad the bad events over the window
	 * @param sli the share of good events over the window, 1 without events
	 * @param errorBudgetRemaining the error budget left over the window: 1 untouched, 0 spent, below 0 overspent
	 * @param burnRate the burn rate by rolling window label ({@code 5m} to {@code 3d})
	 * @param alert the alert state: {@code page}, {@code ticket} or {@code none}
	 */
	public record ObjectiveReport(String type, String description, double target, String window, String threshold,
			String uri, String method, String listener, String topic, long good, long bad, double sli,
			double errorBudgetRemaining, Map<String, Double> burnRate, String alert) implements OperationResponseBody {

		/** The objective's report now. */
		public static ObjectiveReport of(SloObjective objective) {
			SloDefinition definition = objective.definition();
			double target = definition.objective();
			WindowCounts window = objective.counter().overWindow();
			Map<BurnWindow, Double> burnRates = new EnumMap<>(BurnWindow.class);
			Map<String, Double> byLabel = new LinkedHashMap<>();
			for (BurnWindow burnWindow : BurnWindow.values()) {
				double rate = objective.counter().over(burnWindow).burnRate(target);
				burnRates.put(burnWindow, rate);
				byLabel.put(burnWindow.label(), rate);
			}
			return new ObjectiveReport(definition.type().value(), definition.description(), definition.target(),
					print(definition.window()), print(definition.threshold()), definition.uri(), definition.method(),
					definition.listener(), definition.topic(), window.good(), window.bad(), window.sli(),
					window.budgetRemaining(target), byLabel, AlertState.of(burnRates).value());
		}

	}

}
