package dev.observability.autoconfigure.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Vetoes the server observation of requests to excluded paths, so they create neither an
 * {@code http.server.requests} sample nor a span (the request Spring Boot issue #34801 asks for).
 */
public class ExcludedPathsObservationPredicate implements ObservationPredicate {

	private final ExcludedPaths excludedPaths;

	public ExcludedPathsObservationPredicate(ExcludedPaths excludedPaths) {
		this.excludedPaths = excludedPaths;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext serverContext && serverContext.getCarrier() != null) {
			return !this.excludedPaths.matches(serverContext.getCarrier());
		}
		return true;
	}

}
