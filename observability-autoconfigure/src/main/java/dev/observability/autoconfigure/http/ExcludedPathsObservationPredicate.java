package dev.observability.autoconfigure.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.util.ClassUtils;

/**
 * Vetoes the server observation of requests to excluded paths, on Spring MVC and WebFlux, so they create
 * neither an {@code http.server.requests} sample nor a span (the request Spring Boot issue #34801 asks for).
 * This is the one place the decision is made: no observation means excluded, and no starter feature looks at
 * the path again.
 */
public class ExcludedPathsObservationPredicate implements ObservationPredicate {

	private static final boolean SERVLET_PRESENT = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
			ExcludedPathsObservationPredicate.class.getClassLoader());

	private static final boolean REACTIVE_PRESENT = ClassUtils.isPresent(
			"org.springframework.http.server.reactive.ServerHttpRequest",
			ExcludedPathsObservationPredicate.class.getClassLoader());

	private final ExcludedPaths excludedPaths;

	public ExcludedPathsObservationPredicate(ExcludedPaths excludedPaths) {
		this.excludedPaths = excludedPaths;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (SERVLET_PRESENT && context instanceof org.springframework.http.server.observation.ServerRequestObservationContext servlet) {
			return servlet.getCarrier() == null || !this.excludedPaths.matches(servlet.getCarrier());
		}
		if (REACTIVE_PRESENT
				&& context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive) {
			return reactive.getCarrier() == null
					|| !this.excludedPaths.matches(reactive.getCarrier().getPath().pathWithinApplication());
		}
		return true;
	}

}
