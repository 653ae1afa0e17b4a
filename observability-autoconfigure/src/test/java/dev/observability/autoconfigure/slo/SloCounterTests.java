package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which ring answers which window, and events leaving the windows as the clock moves on.
 */
class SloCounterTests {

	private final MockClock clock = new MockClock();

	private final SloCounter counter = new SloCounter(Duration.ofDays(30), this.clock);

	@Test
	void countsTheEventsOfEachOutcome() {
		this.counter.record(true);
		this.counter.record(true);
		this.counter.record(false);
		assertThat(this.counter.over(BurnWindow.M5)).isEqualTo(new WindowCounts(2, 1));
		assertThat(this.counter.over(BurnWindow.D3)).isEqualTo(new WindowCounts(2, 1));
		assertThat(this.counter.overWindow()).isEqualTo(new WindowCounts(2, 1));
		assertThat(this.counter.goodTotal()).isEqualTo(2);
		assertThat(this.counter.badTotal()).isEqualTo(1);
	}

	@Test
	void anEventLeavesTheFiveMinuteWindowWithinTenSeconds() {
		this.counter.record(false);
		this.clock.add(Duration.ofMinutes(5).minusSeconds(10).plusMillis(1));
		assertThat(this.counter.over(BurnWindow.M5).bad()).isEqualTo(1);
		this.clock.add(Duration.ofSeconds(10));
		assertThat(this.counter.over(BurnWindow.M5).bad()).isZero();
		assertThat(this.counter.over(BurnWindow.M30).bad()).isEqualTo(1);
	}

	@Test
	void theSixHourWindowIsReadFromTheTenSecondRing() {
		// an event at 4m59s sits in the first 5m slot of the coarse ring but in the 30th slot of the fine one: 6h
		// and 5s later only the fine ring still holds it in a 6h window
		this.clock.add(Duration.ofMinutes(5).minusSeconds(1));
		this.counter.record(false);
		this.clock.add(Duration.ofHours(6).minusMinutes(5).plusSeconds(6));
		assertThat(this.counter.over(BurnWindow.H6).bad()).isEqualTo(1);
		this.clock.add(Duration.ofMinutes(5));
		assertThat(this.counter.over(BurnWindow.H6).bad()).isZero();
	}

	@Test
	void windowsLongerThanTheFineRingAreReadFromTheFiveMinuteRing() {
		this.counter.record(false);
		this.clock.add(7, TimeUnit.HOURS);
		assertThat(this.counter.over(BurnWindow.H6).bad()).isZero();
		assertThat(this.counter.over(BurnWindow.D1).bad()).isEqualTo(1);
		this.clock.add(Duration.ofDays(1));
		assertThat(this.counter.over(BurnWindow.D1).bad()).isZero();
		assertThat(this.counter.over(BurnWindow.D3).bad()).isEqualTo(1);
		this.clock.add(Duration.ofDays(2));
		assertThat(this.counter.over(BurnWindow.D3).bad()).isZero();
	}

	@Test
	void theObjectiveWindowHasSlotsOfOneSevenHundredTwentiethOfIt() {
		// 30d over 720 slots: 1h slots
		this.counter.record(false);
		this.clock.add(Duration.ofDays(30).minusHours(1).plusMinutes(59));
		assertThat(this.counter.overWindow().bad()).isEqualTo(1);
		this.clock.add(Duration.ofMinutes(2));
		assertThat(this.counter.overWindow().bad()).isZero();
		assertThat(this.counter.badTotal()).isEqualTo(1);
	}

	@Test
	void theObjectiveWindowIsNotCappedAtTheThreeDayRing() {
		this.counter.record(false);
		this.clock.add(10, TimeUnit.DAYS);
		this.counter.record(true);
		assertThat(this.counter.overWindow()).isEqualTo(new WindowCounts(1, 1));
		assertThat(this.counter.over(BurnWindow.D3)).isEqualTo(new WindowCounts(1, 0));
	}

	@Test
	void countsFromTheMomentItIsCreatedOnAClockThatDidNotStartAtZero() {
		MockClock late = new MockClock();
		late.add(Duration.ofDays(400));
		SloCounter counter = new SloCounter(Duration.ofHours(1), late);
		counter.record(false);
		late.add(Duration.ofMinutes(59));
		assertThat(counter.overWindow().bad()).isEqualTo(1);
		late.add(Duration.ofMinutes(2));
		assertThat(counter.overWindow().bad()).isZero();
	}

}
