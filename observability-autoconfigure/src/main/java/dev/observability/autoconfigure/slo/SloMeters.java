package dev.observability.autoconfigure.slo;

/**
 * Names and tag keys of the SLO meters; the Prometheus rules in {@code prometheus/rules/slo.yml} read them
 * as {@code slo_events_total}, {@code slo_objective}, {@code slo_window_seconds},
 * {@code slo_error_budget_remaining} and {@code slo_burn_rate}.
 */
public final class SloMeters {

	/** Counter of the events of an objective, tags {@code slo} and {@code outcome}. */
	public static final String EVENTS = "slo.events";

	/** Gauge of the objective's target as a ratio (0.999 for 99.9%). */
	public static final String OBJECTIVE = "slo.objective";

	/** Gauge of the minimum number of events an alert's long window needs (only when configured). */
	public static final String MIN_EVENTS = "slo.min.events";

	/** Gauge of the objective's window in seconds. */
	public static final String WINDOW = "slo.window";

	/** Gauge of the error budget left over the objective's window: 1 untouched, 0 spent, below 0 overspent. */
	public static final String ERROR_BUDGET_REMAINING = "slo.error.budget.remaining";

	/** Gauge of the burn rate over a rolling window, tag {@code window}. */
	public static final String BURN_RATE = "slo.burn.rate";

	/** Tag key holding the objective's name. */
	public static final String TAG_SLO = "slo";

	/** Tag key of {@link #EVENTS}: {@link #OUTCOME_GOOD} or {@link #OUTCOME_BAD}. */
	public static final String TAG_OUTCOME = "outcome";

	/** Tag key of {@link #BURN_RATE}: one of the {@link BurnWindow} labels. */
	public static final String TAG_WINDOW = "window";

	/** Outcome tag value of a good event. */
	public static final String OUTCOME_GOOD = "good";

	/** Outcome tag value of a bad event. */
	public static final String OUTCOME_BAD = "bad";

	private SloMeters() {
	}

}
