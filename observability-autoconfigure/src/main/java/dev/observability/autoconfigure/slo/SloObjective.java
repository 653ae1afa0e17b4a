package dev.observability.autoconfigure.slo;

/**
 * One declared objective at run time: its definition and the counter of its events.
 */
public final class SloObjective {

	private final SloDefinition definition;

	private final SloCounter counter;

	SloObjective(SloDefinition definition, SloCounter counter) {
		this.definition = definition;
		this.counter = counter;
	}

	/** The objective as declared. */
	public SloDefinition definition() {
		return this.definition;
	}

	/** Its events: lifetime totals and rolling windows. */
	public SloCounter counter() {
		return this.counter;
	}

	public String getName() {
		return this.definition.name();
	}

	/** Records one event now. */
	public void record(boolean isGood) {
		this.counter.record(isGood);
	}

	/** Good events since start-up. */
	public double goodTotal() {
		return this.counter.goodTotal();
	}

	/** Bad events since start-up. */
	public double badTotal() {
		return this.counter.badTotal();
	}

	/** Burn rate over the rolling window: its error ratio divided by the error budget ratio (1 - objective). */
	public double burnRate(BurnWindow window) {
		return this.counter.over(window).burnRate(this.definition.objective());
	}

	/** Error budget left over the objective's window: 1 untouched (or no events), 0 spent, below 0 overspent. */
	public double errorBudgetRemaining() {
		return this.counter.overWindow().budgetRemaining(this.definition.objective());
	}

	/** The objective's state now, as the slo endpoint and health contributor show it. */
	public SloReport.ObjectiveReport report() {
		return SloReport.ObjectiveReport.of(this);
	}

}
