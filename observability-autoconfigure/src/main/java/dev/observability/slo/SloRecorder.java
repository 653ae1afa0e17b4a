package dev.observability.slo;

/**
 * Feeds the good and bad events of SLO objectives of type {@code events} declared under
 * {@code observability.slo.objectives}. Recording is lock-free and allocation-free; an unknown objective
 * name is a programming error reported with an {@link IllegalArgumentException} naming the declared ones.
 */
public interface SloRecorder {

	/**
	 * A recorder that records nothing: the bean when {@code observability.enabled=false}, so code that feeds
	 * SLOs keeps working with the starter switched off; also handy in unit tests.
	 */
	static SloRecorder noop() {
		return (objective, good) -> {
		};
	}

	/** Records one event of the objective, good or bad. */
	void record(String objective, boolean good);

	/** Records one good event. */
	default void good(String objective) {
		record(objective, true);
	}

	/** Records one bad event. */
	default void bad(String objective) {
		record(objective, false);
	}

}
