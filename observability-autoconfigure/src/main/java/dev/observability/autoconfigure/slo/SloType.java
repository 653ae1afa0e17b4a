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
	EVENTS,

	/**
	 * Share of consumed messages processed without giving up on them (not recovered after an exception, not
	 * dead-lettered), fed from the Kafka listener observation.
	 */
	MESSAGE_AVAILABILITY,

	/**
	 * Share of consumed messages processed successfully within a threshold of the record's timestamp (end to end),
	 * fed from the Kafka listener observation.
	 */
	MESSAGE_LATENCY,

	/**
	 * Share of consumed messages whose successful processing by the listener took no longer than a threshold,
	 * fed from the Kafka listener observation.
	 */
	MESSAGE_PROCESSING_LATENCY;

	/** Name as written in configuration and shown by the slo endpoint (message-latency). */
	public String value() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/** Whether objectives of this type are fed from http.server.requests. */
	public boolean isHttp() {
		return this == AVAILABILITY || this == LATENCY;
	}

	/** Whether objectives of this type are fed from the Kafka listener observation. */
	public boolean isMessage() {
		return this == MESSAGE_AVAILABILITY || this == MESSAGE_LATENCY || this == MESSAGE_PROCESSING_LATENCY;
	}

	/** Whether objectives of this type need a latency threshold. */
	public boolean hasThreshold() {
		return this == LATENCY || this == MESSAGE_LATENCY || this == MESSAGE_PROCESSING_LATENCY;
	}

}
