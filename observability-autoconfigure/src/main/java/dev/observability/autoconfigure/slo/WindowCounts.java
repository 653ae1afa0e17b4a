package dev.observability.autoconfigure.slo;

/**
 * Good and bad events over one window, and the burn math on them. A window without events has spent nothing:
 * its error ratio and burn rate are 0, its SLI 1.
 *
 * @param good the good events in the window
 * @param bad the bad events in the window
 */
public record WindowCounts(long good, long bad) {

	/** Share of bad events, 0 without events. */
	public double errorRatio() {
		long total = this.good + this.bad;
		return (total == 0) ? 0 : (double) this.bad / total;
	}

	/** Share of good events, 1 without events. */
	public double sli() {
		long total = this.good + this.bad;
		return (total == 0) ? 1 : (double) this.good / total;
	}

	/**
	 * Burn rate against the objective (a ratio, 0.999): the error ratio divided by the error budget ratio
	 * {@code 1 - objective}; 1 spends the budget exactly over the objective's window.
	 */
	public double burnRate(double objective) {
		return errorRatio() / (1 - objective);
	}

	/** Error budget left against the objective: 1 untouched, 0 spent, below 0 overspent. */
	public double budgetRemaining(double objective) {
		return 1 - burnRate(objective);
	}

}
