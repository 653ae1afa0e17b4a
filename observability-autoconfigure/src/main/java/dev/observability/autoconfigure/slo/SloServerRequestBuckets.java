package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

import dev.observability.autoconfigure.http.ServerRequestBucketsContributor;

/**
 * Makes every latency objective's threshold an exact bucket ({@code le}) of {@code http.server.requests}, so
 * the latency SLI can also be read from the histogram.
 */
public class SloServerRequestBuckets implements ServerRequestBucketsContributor {

	private final SloObjectives objectives;

	public SloServerRequestBuckets(SloObjectives objectives) {
		this.objectives = objectives;
	}

	@Override
	public Collection<Duration> serverRequestBuckets() {
		return this.objectives.getObjectives().stream()
			.map(SloObjective::getThreshold)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

}
