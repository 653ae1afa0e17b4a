package dev.observability.autoconfigure.slo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Feeds the availability and latency objectives from Spring's server request observation, the one behind
 * {@code http.server.requests}: on stop it reads the route template, method, status, error and the duration
 * between its own start and stop ({@code System.nanoTime()} pair) and records a good or bad event on every
 * matching objective.
 * <p>
 * A request is a server error when its status is 5xx, or when it ended with an exception and no 4xx status
 * (unhandled). Availability counts server errors as bad; latency counts server errors and requests slower
 * than the threshold as bad. Requests without a route (no route template, or a 404 from the static-resource
 * catch-all {@code /**}) match no objective, so a broad pattern never picks up scans of arbitrary paths. Matching a route template against the objectives' patterns
 * is computed once per distinct template and cached.
 */
public class SloServerRequestObservationHandler implements ObservationHandler<ServerRequestObservationContext> {

	/** Template of the static-resource handler: a 404 under it is an unmapped path, not a route. */
	private static final String CATCH_ALL = "/**";

	private static final String START_KEY = SloServerRequestObservationHandler.class.getName() + ".start";

	/** Route templates are bounded by the application's mappings; this caps the cache all the same. */
	private static final int MAX_CACHED_TEMPLATES = 1000;

	private final List<SloObjective> objectives;

	private final List<PathPattern> patterns;

	private final Map<String, SloObjective[]> matchesByTemplate = new ConcurrentHashMap<>();

	public SloServerRequestObservationHandler(SloObjectives objectives) {
		this.objectives = objectives.getHttpObjectives();
		this.patterns = this.objectives.stream()
			.map((objective) -> PathPatternParser.defaultInstance.parse(objective.getUri()))
			.toList();
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext && !this.objectives.isEmpty();
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.put(START_KEY, System.nanoTime());
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		Long start = context.get(START_KEY);
		String template = context.getPathPattern();
		HttpServletRequest request = context.getCarrier();
		if (start == null || template == null || request == null) {
			return;
		}
		long durationNanos = System.nanoTime() - start;
		HttpServletResponse response = context.getResponse();
		int status = (response != null) ? response.getStatus() : 0;
		if (status == 404 && CATCH_ALL.equals(template)) {
			return;
		}
		SloObjective[] matching = matching(template);
		if (matching.length == 0) {
			return;
		}
		boolean serverError = isServerError(status, context.getError());
		String method = request.getMethod();
		for (SloObjective objective : matching) {
			if (objective.getMethod() != null && !objective.getMethod().equalsIgnoreCase(method)) {
				continue;
			}
			boolean good = (objective.getType() == SloType.LATENCY)
					? !serverError && durationNanos <= objective.thresholdNanos() : !serverError;
			objective.record(good);
		}
	}

	static boolean isServerError(int status, Throwable error) {
		if (status >= 500) {
			return true;
		}
		return error != null && (status < 400 || status >= 600);
	}

	private SloObjective[] matching(String template) {
		SloObjective[] cached = this.matchesByTemplate.get(template);
		if (cached != null) {
			return cached;
		}
		SloObjective[] computed = computeMatching(template);
		if (this.matchesByTemplate.size() < MAX_CACHED_TEMPLATES) {
			this.matchesByTemplate.putIfAbsent(template, computed);
		}
		return computed;
	}

	private SloObjective[] computeMatching(String template) {
		PathContainer path = PathContainer.parsePath(template.isEmpty() ? "/" : template);
		return java.util.stream.IntStream.range(0, this.objectives.size())
			.filter((i) -> this.patterns.get(i).matches(path))
			.mapToObj(this.objectives::get)
			.toArray(SloObjective[]::new);
	}

}
