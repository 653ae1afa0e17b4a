package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloObjectiveTests {

	private final MockClock clock = new MockClock();

	private final SloObjective objective = objective("checkout", 99.0, Duration.ofDays(30));

	@Test
	void hasAnUntouchedBudgetAndNoBurnWithoutEvents() {
		assertThat(this.objective.errorBudgetRemaining()).isEqualTo(1.0);
		for (BurnWindow window : BurnWindow.values()) {
			assertThat(this.objective.burnRate(window)).isZero();
		}
		assertThat(this.objective.report()).extracting("sli", "alert").containsExactly(1.0, "none");
	}

	@Test
	void burnRateIsTheErrorRatioOverTheBudgetRatio() {
		record(95, 5);
		// 5% errors against a 1% budget
		assertThat(this.objective.burnRate(BurnWindow.M5)).isCloseTo(5.0, within(1e-9));
		assertThat(this.objective.burnRate(BurnWindow.D3)).isCloseTo(5.0, within(1e-9));
		assertThat(this.objective.errorBudgetRemaining()).isCloseTo(-4.0, within(1e-9));
	}

	@Test
	void shortWindowsClearWhileLongWindowsRemember() {
		record(80, 20);
		this.clock.add(10, TimeUnit.MINUTES);
		record(100, 0);
		assertThat(this.objective.burnRate(BurnWindow.M5)).isZero();
		assertThat(this.objective.burnRate(BurnWindow.H1)).isCloseTo(10.0, within(1e-9));
		this.clock.add(2, TimeUnit.HOURS);
		assertThat(this.objective.burnRate(BurnWindow.H1)).isZero();
		assertThat(this.objective.burnRate(BurnWindow.D1)).isCloseTo(10.0, within(1e-9));
		this.clock.add(31, TimeUnit.DAYS);
		assertThat(this.objective.burnRate(BurnWindow.D3)).isZero();
		assertThat(this.objective.errorBudgetRemaining()).isEqualTo(1.0);
		assertThat(this.objective.goodTotal()).isEqualTo(180);
		assertThat(this.objective.badTotal()).isEqualTo(20);
	}

	@Test
	void pagesOnAFastBurnInBothShortAndLongWindow() {
		record(80, 20);
		SloReport.ObjectiveReport report = this.objective.report();
		assertThat(report).extracting("alert", "good", "bad", "sli", "type", "target", "window")
			.containsExactly("page", 80L, 20L, 0.8, "availability", 99.0, "30d");
		assertThat(report.burnRate()).containsOnlyKeys("5m", "30m", "1h", "2h", "6h", "1d", "3d");
	}

	@Test
	void ticketsOnASlowBurnOnceTheFastWindowsHaveCleared() {
		record(96, 4);
		assertThat(this.objective.report().alert()).isEqualTo("ticket");
		this.clock.add(7, TimeUnit.HOURS);
		assertThat(this.objective.report().alert()).isEqualTo("none");
	}

	@Test
	void errorBudgetCountsOnlyTheObjectiveWindow() {
		SloObjective weekly = objective("payments", 99.0, Duration.ofDays(7));
		weekly.record(false);
		this.clock.add(8, TimeUnit.DAYS);
		weekly.record(true);
		assertThat(weekly.errorBudgetRemaining()).isEqualTo(1.0);
		assertThat(weekly.report()).extracting("good", "bad").containsExactly(1L, 0L);
	}

	private void record(int good, int bad) {
		for (int i = 0; i < good; i++) {
			this.objective.record(true);
		}
		for (int i = 0; i < bad; i++) {
			this.objective.record(false);
		}
	}

	private SloObjective objective(String name, double target, Duration window) {
		return new SloObjective(SloDefinition.of(name, objective(target, window)), new SloCounter(window, this.clock));
	}

	static SloProperties.Objective objective(double target, Duration window) {
		SloProperties.Objective objective = new SloProperties.Objective();
		objective.setType(SloType.AVAILABILITY);
		objective.setTarget(target);
		objective.setWindow(window);
		return objective;
	}

}
