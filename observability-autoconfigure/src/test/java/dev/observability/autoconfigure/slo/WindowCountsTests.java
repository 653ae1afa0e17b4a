package dev.observability.autoconfigure.slo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The burn math on the events of one window, the same as the Prometheus rules: burn rate = error ratio / (1 -
 * objective), budget remaining = 1 - burn rate over the objective's window.
 */
class WindowCountsTests {

	@Test
	void aWindowWithoutEventsHasSpentNothing() {
		WindowCounts none = new WindowCounts(0, 0);
		assertThat(none.errorRatio()).isZero();
		assertThat(none.sli()).isEqualTo(1.0);
		assertThat(none.burnRate(0.999)).isZero();
		assertThat(none.budgetRemaining(0.999)).isEqualTo(1.0);
	}

	@Test
	void onlyGoodEventsBurnNothing() {
		WindowCounts good = new WindowCounts(7, 0);
		assertThat(good.errorRatio()).isZero();
		assertThat(good.sli()).isEqualTo(1.0);
		assertThat(good.burnRate(0.99)).isZero();
		assertThat(good.budgetRemaining(0.99)).isEqualTo(1.0);
	}

	@Test
	void onlyBadEventsHaveAnSliOfZero() {
		WindowCounts bad = new WindowCounts(0, 4);
		assertThat(bad.errorRatio()).isEqualTo(1.0);
		assertThat(bad.sli()).isZero();
		assertThat(bad.burnRate(0.9)).isCloseTo(10.0, within(1e-9));
	}

	@Test
	void sliAndErrorRatioAreSharesOfAllEvents() {
		WindowCounts counts = new WindowCounts(3, 1);
		assertThat(counts.sli()).isEqualTo(0.75);
		assertThat(counts.errorRatio()).isEqualTo(0.25);
	}

	@ParameterizedTest(name = "{0} good, {1} bad against {2}: burn {3}, budget left {4}")
	@CsvSource({
			// exactly the budget: burn 1, nothing left
			"999, 1, 0.999, 1.0, 0.0",
			// half the budget
			"1999, 1, 0.999, 0.5, 0.5",
			// 5% errors against a 1% budget: burn 5, overspent four times
			"95, 5, 0.99, 5.0, -4.0",
			// the page threshold of the SRE Workbook on a 99.9% objective
			"9856, 144, 0.999, 14.4, -13.4" })
	void burnRateIsTheErrorRatioOverTheBudgetRatio(long good, long bad, double objective, double burnRate,
			double remaining) {
		WindowCounts counts = new WindowCounts(good, bad);
		assertThat(counts.burnRate(objective)).isCloseTo(burnRate, within(1e-9));
		assertThat(counts.budgetRemaining(objective)).isCloseTo(remaining, within(1e-9));
	}

}
