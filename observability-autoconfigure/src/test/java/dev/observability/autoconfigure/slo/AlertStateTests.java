package dev.observability.autoconfigure.slo;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SRE Workbook's multi-window, multi-burn-rate conditions, the same as the Prometheus alerts: both windows
 * of a pair must burn strictly faster than the pair's factor.
 */
class AlertStateTests {

	@ParameterizedTest(name = "{0}={1}, {2}={3} -> {4}")
	@CsvSource({
			// page: 1h and 5m above 14.4, or 6h and 30m above 6
			"H1, 14.5, M5, 14.5, page", "H1, 14.4, M5, 14.5, none", "H1, 14.5, M5, 14.4, none",
			"H6, 6.1, M30, 6.1, page", "H6, 6.0, M30, 6.1, none", "H6, 6.1, M30, 6.0, none",
			// ticket: 1d and 2h above 3, or 3d and 6h above 1
			"D1, 3.1, H2, 3.1, ticket", "D1, 3.0, H2, 3.1, none", "D1, 3.1, H2, 3.0, none",
			"D3, 1.1, H6, 1.1, ticket", "D3, 1.0, H6, 1.1, none", "D3, 1.1, H6, 1.0, none" })
	void firesOnlyWhenBothWindowsOfAPairBurnFasterThanItsFactor(BurnWindow longWindow, double longRate,
			BurnWindow shortWindow, double shortRate, String expected) {
		Map<BurnWindow, Double> rates = zero();
		rates.put(longWindow, longRate);
		rates.put(shortWindow, shortRate);
		assertThat(AlertState.of(rates).value()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "all at {0} -> {1}")
	@CsvSource({ "0, none", "1.5, ticket", "7, page", "20, page" })
	void aPageOutranksATicket(double rate, String expected) {
		Map<BurnWindow, Double> rates = new EnumMap<>(BurnWindow.class);
		for (BurnWindow window : BurnWindow.values()) {
			rates.put(window, rate);
		}
		assertThat(AlertState.of(rates).value()).isEqualTo(expected);
	}

	private static Map<BurnWindow, Double> zero() {
		Map<BurnWindow, Double> rates = new EnumMap<>(BurnWindow.class);
		for (BurnWindow window : BurnWindow.values()) {
			rates.put(window, 0.0);
		}
		return rates;
	}

}
