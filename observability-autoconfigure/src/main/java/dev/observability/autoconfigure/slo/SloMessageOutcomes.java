package dev.observability.autoconfigure.slo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds the message objectives ({@code message-availability}, {@code message-latency},
 * {@code message-processing-latency}) with the outcome of each consumed message, as
 * {@link SloServerRequestListener} feeds the HTTP ones with each request.
 * <p>
 * A message is counted once, when its outcome is final: {@link #processed} when the listener returned (on the
 * first attempt or after retries), {@link #gaveUp} when the error handler gave up on it (recovered to a
 * dead-letter topic or skipped). A failed attempt that is retried is not an outcome. Availability counts given-up
 * messages as bad; the latency types also count processed messages above the threshold as bad. The objectives
 * matching a listener id and topic are computed once per pair and cached.
 */
public class SloMessageOutcomes {

	/** Listener ids and topics are bounded by the application; this caps the cache all the same. */
	private static final int MAX_CACHED = 1000;

	private static final SloObjective[] NONE = new SloObjective[0];

	private final List<SloObjective> objectives;

	private final Map<String, Map<String, SloObjective[]>> matchesByListener = new ConcurrentHashMap<>();

	private int cached;

	public SloMessageOutcomes(SloObjectives objectives) {
		this.objectives = objectives.getMessageObjectives();
	}

	/** Whether any message objective is declared. */
	public boolean isEmpty() {
		return this.objectives.isEmpty();
	}

	/**
	 * Records a message the listener processed successfully.
	 * @param listener listener id, null when unknown
	 * @param topic topic the record was consumed from
	 * @param processingNanos duration of the successful listener invocation
	 * @param endToEndNanos time from the record's timestamp to the end of processing
	 */
	public void processed(String listener, String topic, long processingNanos, long endToEndNanos) {
		for (SloObjective objective : matching(listener, topic)) {
			boolean good = switch (objective.definition().type()) {
				case MESSAGE_LATENCY -> endToEndNanos <= objective.definition().thresholdNanos();
				case MESSAGE_PROCESSING_LATENCY -> processingNanos <= objective.definition().thresholdNanos();
				default -> true;
			};
			objective.record(good);
		}
	}

	/** Records a message the error handler gave up on: bad for every matching objective. */
	public void gaveUp(String listener, String topic) {
		for (SloObjective objective : matching(listener, topic)) {
			objective.record(false);
		}
	}

	private SloObjective[] matching(String listener, String topic) {
		if (this.objectives.isEmpty() || topic == null) {
			return NONE;
		}
		String listenerKey = (listener != null) ? listener : "";
		Map<String, SloObjective[]> byTopic = this.matchesByListener.get(listenerKey);
		SloObjective[] cachedMatches = (byTopic != null) ? byTopic.get(topic) : null;
		if (cachedMatches != null) {
			return cachedMatches;
		}
		SloObjective[] computed = this.objectives.stream()
			.filter((objective) -> objective.definition().listener() == null
					|| objective.definition().listener().equals(listener))
			.filter((objective) -> objective.definition().topic() == null || objective.definition().topic().equals(topic))
			.toArray(SloObjective[]::new);
		if (this.cached < MAX_CACHED) {
			this.cached++;
			this.matchesByListener.computeIfAbsent(listenerKey, (key) -> new ConcurrentHashMap<>())
				.putIfAbsent(topic, computed);
		}
		return computed;
	}

}
