package dev.observability.autoconfigure.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * An objective as declared, normalised: what it counts, against which target, over which window, and which
 * requests or messages it matches.
 *
 * @param name the objective's name, the {@code slo} tag value
 * @param type the kind of objective
 * @param target the target in percent, as declared (99.9)
 * @param window the objective's window
 * @param threshold the latency threshold, null for types without one
 * @param description the text shown by the slo endpoint, null when none
 * @param uri the route template pattern of an HTTP objective ({@code /**} when none), null for other types
 * @param method the upper-case HTTP method of an HTTP objective, null for any
 * @param listener the listener id of a message objective, null for any
 * @param topic the topic of a message objective, null for any
 */
public record SloDefinition(String name, SloType type, double target, Duration window, Duration threshold,
		String description, String uri, String method, String listener, String topic) {

	/** The definition of the objective declared under the given name. */
	public static SloDefinition of(String name, SloProperties.Objective objective) {
		SloType type = objective.getType();
		SloProperties.Match match = (objective.getMatch() != null) ? objective.getMatch() : new SloProperties.Match();
		boolean http = type.isHttp();
		boolean message = type.isMessage();
		String method = http ? trimmed(match.getMethod()) : null;
		return new SloDefinition(name, type, objective.getTarget(), objective.getWindow(), objective.getThreshold(),
				objective.getDescription(), !http ? null : (match.getUri() != null) ? match.getUri() : "/**",
				(method != null) ? method.toUpperCase(Locale.ROOT) : null, message ? trimmed(match.getListener()) : null,
				message ? trimmed(match.getTopic()) : null);
	}

	/** The target as a ratio (0.999), exact in decimal. */
	public double objective() {
		return BigDecimal.valueOf(this.target).movePointLeft(2).doubleValue();
	}

	/** The latency threshold in nanoseconds, {@link Long#MAX_VALUE} when there is none. */
	public long thresholdNanos() {
		return (this.threshold != null) ? this.threshold.toNanos() : Long.MAX_VALUE;
	}

	private static String trimmed(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
