package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloObjectiveTests {

	private final MockClock clock = new MockClock();

	private final SloObjective objective = new SloObjective("checkout", objective(99.0, Duration.ofDays(30)), this.clock);

	@Test
	void hasAnUntouchedBudgetAndNoBurnWithoutEvents() {
		assertThat(this.objective.errorBudgetRemaining()).isEqualTo(1.0);
		for (BurnWindow window : BurnWindow.values()) {
			assertThat(this.objective.burnRate(window)).isZero();
		}
		assertThat(this.objective.status()).containsEntry("sli", 1.0).containsEntry("alert", "none");
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
		Map<String, Object> status = this.objective.status();
		assertThat(status).containsEntry("alert", "page")
			.containsEntry("good", 80L)
			.containsEntry("bad", 20L)
			.containsEntry("sli", 0.8)
			.containsEntry("type", "availability")
			.containsEntry("target", 99.0)
			.containsEntry("window", "30d");
		assertThat(status.get("burnRate")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("5m", "30m", "1h", "2h", "6h", "1d", "3d");
	}

	@Test
	void ticketsOnASlowBurnOnceTheFastWindowsHaveCleared() {
		record(96, 4);
		assertThat(this.objective.status()).containsEntry("alert", "ticket");
		this.clock.add(7, TimeUnit.HOURS);
		assertThat(this.objective.status()).containsEntry("alert", "none");
	}

	@Test
	void errorBudgetCountsOnlyTheObjectiveWindow() {
		SloObjective weekly = new SloObjective("payments", objective(99.0, Duration.ofDays(7)), this.clock);
		weekly.record(false);
		this.clock.add(8, TimeUnit.DAYS);
		weekly.record(true);
		assertThat(weekly.errorBudgetRemaining()).isEqualTo(1.0);
		assertThat(weekly.status()).containsEntry("good", 1L).containsEntry("bad", 0L);
	}

	private void record(int good, int bad) {
		for (int i = 0; i < good; i++) {
			this.objective.record(true);
		}
		for (int i = 0; i < bad; i++) {
			this.objective.record(false);
		}
	}

	static SloProperties.Objective objective(double target, Duration window) {
		SloProperties.Objective objective = new SloProperties.Objective();
		objective.setType(SloType.AVAILABILITY);
		objective.setTarget(target);
		objective.setWindow(window);
		return objective;
	}

}
