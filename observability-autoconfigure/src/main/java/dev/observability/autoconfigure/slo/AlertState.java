package dev.observability.autoconfigure.slo;

import java.util.Map;
import java.util.Locale;

/**
 * Alert state of an objective by the SRE Workbook's multi-window, multi-burn-rate conditions, the same ones
 * the Prometheus alerts in {@code prometheus/rules/slo.yml} evaluate.
 */
public enum AlertState {

	/** 1h and 5m burn rates above 14.4, or 6h and 30m above 6. */
	PAGE,

	/** 1d and 2h burn rates above 3, or 3d and 6h above 1. */
	TICKET,

	/** Neither. */
	NONE;

	/** Lower-case name shown by the slo endpoint. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The state for the given burn rates. */
	public static AlertState of(Map<BurnWindow, Double> burnRates) {
		if (both(burnRates, BurnWindow.H1, BurnWindow.M5, 14.4) || both(burnRates, BurnWindow.H6, BurnWindow.M30, 6)) {
			return PAGE;
		}
		if (both(burnRates, BurnWindow.D1, BurnWindow.H2, 3) || both(burnRates, BurnWindow.D3, BurnWindow.H6, 1)) {
			return TICKET;
		}
		return NONE;
	}

	private static boolean both(Map<BurnWindow, Double> burnRates, BurnWindow longWindow, BurnWindow shortWindow,
			double factor) {
		return burnRates.get(longWindow) > factor && burnRates.get(shortWindow) > factor;
	}

}
