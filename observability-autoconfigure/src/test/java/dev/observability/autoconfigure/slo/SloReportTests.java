package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.List;

import dev.observability.autoconfigure.slo.SloReport.ObjectiveReport;
import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slo endpoint's body: its values, and its JSON as Spring Boot's actuator mapper writes it.
 */
class SloReportTests {

	private final MockClock clock = new MockClock();

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "P30D, 30d", "PT36H, 36h", "PT90M, 90m", "PT1S, 1s", "PT1.5S, 1500ms", "PT0.00075S, 750us",
			"PT0.000000001S, 1ns", "PT1H0.5S, 3600500ms" })
	void printsADurationInTheLargestUnitThatStatesItExactly(Duration duration, String printed) {
		assertThat(SloReport.print(duration)).isEqualTo(printed);
	}

	@Test
	void printsNoDurationAsNull() {
		assertThat(SloReport.print(null)).isNull();
	}

	@Test
	void reportsTheDefinitionTheWindowsCountsAndTheBurnRatesInWindowOrder() {
		SloObjective objective = objective("checkout", SloType.LATENCY, Duration.ofMillis(300));
		for (int i = 0; i < 9; i++) {
			objective.record(true);
		}
		objective.record(false);
		ObjectiveReport report = ObjectiveReport.of(objective);
		assertThat(report).extracting("type", "target", "window", "threshold", "uri", "good", "bad", "sli", "alert")
			.containsExactly("latency", 99.0, "30d", "300ms", "/**", 9L, 1L, 0.9, "page");
		assertThat(report.errorBudgetRemaining()).isEqualTo(new WindowCounts(9, 1).budgetRemaining(0.99));
		assertThat(report.burnRate().keySet()).containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
		assertThat(report.burnRate().values()).containsOnly(new WindowCounts(9, 1).burnRate(0.99));
	}

	@Test
	void eachBurnRateIsReadFromItsOwnWindow() {
		SloObjective objective = objective("checkout", SloType.AVAILABILITY, null);
		objective.record(false);
		this.clock.add(Duration.ofMinutes(40));
		objective.record(true);
		ObjectiveReport report = ObjectiveReport.of(objective);
		assertThat(report.burnRate()).containsEntry("5m", 0.0).containsEntry("30m", 0.0);
		assertThat(report.burnRate().get("1h")).isEqualTo(new WindowCounts(1, 1).burnRate(0.99));
		// 5m and 30m clear, so no page; 2h and 1d both burning 50x: a ticket
		assertThat(report.alert()).isEqualTo("ticket");
	}

	@Test
	void reportsEveryObjectiveInDeclarationOrder() {
		SloReport report = SloReport.of(List.of(objective("b", SloType.EVENTS, null),
				objective("a", SloType.AVAILABILITY, null)));
		assertThat(report.objectives().keySet()).containsExactly("b", "a");
	}

	@Test
	void isWrittenByTheActuatorsJsonMapperWithoutTheFieldsAnObjectiveDoesNotHave() {
		SloObjective objective = objective("payments", SloType.EVENTS, null);
		objective.record(true);
		SloReport report = SloReport.of(List.of(objective));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(EndpointJsonMapper.class).get().writeValueAsString(report))
				.isEqualTo("{\"objectives\":{\"payments\":{\"type\":\"events\",\"target\":99.0,\"window\":\"30d\","
						+ "\"good\":1,\"bad\":0,\"sli\":1.0,\"errorBudgetRemaining\":1.0,\"burnRate\":{\"5m\":0.0,"
						+ "\"30m\":0.0,\"1h\":0.0,\"2h\":0.0,\"6h\":0.0,\"1d\":0.0,\"3d\":0.0},\"alert\":\"none\"}}}"));
	}

	private SloObjective objective(String name, SloType type, Duration threshold) {
		SloProperties.Objective objective = new SloProperties.Objective();
		objective.setType(type);
		objective.setTarget(99.0);
		objective.setThreshold(threshold);
		return new SloObjective(SloDefinition.of(name, objective), new SloCounter(objective.getWindow(), this.clock));
	}

}
