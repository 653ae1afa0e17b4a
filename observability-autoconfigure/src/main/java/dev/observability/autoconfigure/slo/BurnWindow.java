package dev.observability.autoconfigure.slo;

import java.time.Duration;

/**
 * The rolling windows over which burn rates are computed, those of the SRE Workbook's multi-window,
 * multi-burn-rate alerts. The label is the {@code window} tag value and matches the suffix of the
 * {@code slo:sli_error:ratio_rate<window>} recording rules.
 */
public enum BurnWindow {

	M5("5m", Duration.ofMinutes(5)),

	M30("30m", Duration.ofMinutes(30)),

	H1("1h", Duration.ofHours(1)),

	H2("2h", Duration.ofHours(2)),

	H6("6h", Duration.ofHours(6)),

	D1("1d", Duration.ofDays(1)),

	D3("3d", Duration.ofDays(3));

	private final String label;

	private final Duration duration;

	BurnWindow(String label, Duration duration) {
		this.label = label;
		this.duration = duration;
	}

	public String label() {
		return this.label;
	}

	public Duration duration() {
		return this.duration;
	}

}
