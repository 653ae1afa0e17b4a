package dev.observability.autoconfigure.slo;

/**
 * Kinds of service level objective.
 */
public enum SloType {

	/** Share of requests without a server error (5xx or an unhandled exception), fed from http.server.requests. */
	AVAILABILITY,

	/** Share of requests without a server error that take no longer than a threshold, fed from http.server.requests. */
	LATENCY,

	/** Share of good events recorded by the application through the SloRecorder API. */
	EVENTS;

	/** Lower-case name as written in configuration and shown by the slo endpoint. */
	public String value() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
