package dev.observability.autoconfigure.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.observability.autoconfigure.http.ServerExchange;
import dev.observability.autoconfigure.http.ServerRequestListener;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Feeds the availability and latency objectives from the starter's request pipeline (Spring's server request
 * observation, the one behind {@code http.server.requests}, on Spring MVC and WebFlux): when a request completes
 * it reads the route template, method, the status the client was sent, the error and the observation's duration,
 * and records a good or bad event on every matching objective.
 * <p>
 * The classification follows what the client received. A request is a server error when its status is 5xx, or
 * when it ended with an exception and no 4xx answer (unhandled); a request answered with a 4xx is never bad,
 * whatever exception Spring attached. A request whose client went away mid-response (reset, broken pipe,
 * cancelled) is neither good nor bad: it is left out of {@code slo.events}. Availability counts server errors as
 * bad; latency counts server errors and requests slower than the threshold as bad. Requests without a route (no
 * route template, or a 404 from the static-resource catch-all {@code /**}) match no objective, so a broad pattern
 * never picks up scans of arbitrary paths. Matching a route template against the objectives' patterns is
 * computed once per distinct template and cached.
 */
public class SloServerRequestListener implements ServerRequestListener {

	/** Template of the static-resource handler: a 404 under it is an unmapped path, not a route. */
	private static final String CATCH_ALL = "/**";

	/** Route templates are bounded by the application's mappings; this caps the cache all the same. */
	private static final int MAX_CACHED_TEMPLATES = 1000;

	private static final SloObjective[] NONE = new SloObjective[0];

	private final List<SloObjective> objectives;

	private final List<PathPattern> patterns;

	private final Map<String, SloObjective[]> matchesByTemplate = new ConcurrentHashMap<>();

	public SloServerRequestListener(SloObjectives objectives) {
		this.objectives = objectives.getHttpObjectives();
		List<PathPattern> parsed = new ArrayList<>(this.objectives.size());
		for (SloObjective objective : this.objectives) {
			parsed.add(PathPatternParser.defaultInstance.parse(objective.definition().uri()));
		}
		this.patterns = parsed;
	}

	@Override
	public void onComplete(ServerExchange exchange) {
		String template = exchange.route();
		if (this.objectives.isEmpty() || template == null || exchange.aborted()) {
			return;
		}
		int status = exchange.status();
		if (status == 404 && CATCH_ALL.equals(template)) {
			return;
		}
		SloObjective[] matching = matching(template);
		if (matching.length == 0) {
			return;
		}
		boolean serverError = exchange.isServerError();
		long durationNanos = exchange.durationNanos();
		String method = exchange.method();
		for (SloObjective objective : matching) {
			SloDefinition definition = objective.definition();
			if (definition.method() != null && !definition.method().equalsIgnoreCase(method)) {
				continue;
			}
			boolean good = !serverError && (definition.type() != SloType.LATENCY || durationNanos <= definition.thresholdNanos());
			objective.record(good);
		}
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
		List<SloObjective> matching = new ArrayList<>();
		for (int i = 0; i < this.objectives.size(); i++) {
			if (this.patterns.get(i).matches(path)) {
				matching.add(this.objectives.get(i));
			}
		}
		return matching.isEmpty() ? NONE : matching.toArray(NONE);
	}

}
