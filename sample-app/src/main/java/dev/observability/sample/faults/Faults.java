package dev.observability.sample.faults;

import java.time.Duration;

/**
 * One consistent set of injected faults. Immutable: the injector swaps whole instances, so a request never
 * sees half of an update.
 *
 * @param errorRate ratio (0 to 1) of requests under the path prefix that fail with HTTP 500
 * @param extraLatency latency added to every request under the path prefix
 * @param pathPrefix path prefix of the requests that faults apply to
 */
public record Faults(double errorRate, Duration extraLatency, String pathPrefix) {

	/** Longest extra latency an operator may inject. */
	public static final Duration MAX_EXTRA_LATENCY = Duration.ofSeconds(30);

	public Faults {
		if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
			throw new InvalidFaultsException("errorRate", errorRate, "a ratio between 0 and 1");
		}
		if (extraLatency == null || extraLatency.isNegative() || extraLatency.compareTo(MAX_EXTRA_LATENCY) > 0) {
			throw new InvalidFaultsException("extraLatency", extraLatency, "a duration between 0ms and 30s");
		}
		if (pathPrefix == null || !pathPrefix.startsWith("/")) {
			throw new InvalidFaultsException("pathPrefix", pathPrefix, "a path starting with '/'");
		}
	}

	boolean appliesTo(String path) {
		return path.startsWith(this.pathPrefix) && (this.errorRate > 0.0 || !this.extraLatency.isZero());
	}

}
