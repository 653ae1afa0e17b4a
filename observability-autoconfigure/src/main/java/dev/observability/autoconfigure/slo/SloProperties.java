package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.observability.autoconfigure.InvalidPropertyException;
import dev.observability.autoconfigure.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service level objectives of the application, declared once: they drive the SLO meters, the slo endpoint
 * and health details, and the static Prometheus burn-rate rules.
 */
@ConfigurationProperties("observability.slo")
public class SloProperties implements InitializingBean {

	static final String PREFIX = "observability.slo.objectives.";

	/** Allowed objective names: they become the value of the slo tag. */
	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

	static final Duration MIN_WINDOW = Duration.ofHours(1);

	static final Duration MAX_WINDOW = Duration.ofDays(90);

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	/**
	 * Objectives by name; the name becomes the slo tag value of every SLO meter.
	 */
	private Map<String, Objective> objectives = new LinkedHashMap<>();

	public Map<String, Objective> getObjectives() {
		return this.objectives;
	}

	public void setObjectives(Map<String, Objective> objectives) {
		this.objectives = objectives;
	}

	@Override
	public void afterPropertiesSet() {
		this.objectives.forEach(SloProperties::check);
	}

	private static void check(String name, Objective objective) {
		String key = PREFIX + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidPropertyException(key, name,
					"an objective name of lower-case letters, digits, '-', '_' or '.', starting with a letter or digit, at most 64 characters");
		}
		if (objective.getType() == null) {
			throw new InvalidPropertyException(key + ".type", null, "one of availability, latency, events, message-availability, message-latency, message-processing-latency");
		}
		Double target = objective.getTarget();
		if (target == null || !(target > 0 && target < 100)) {
			throw new InvalidPropertyException(key + ".target", target,
					"a percentage strictly between 0 and 100, such as 99.9");
		}
		Duration window = objective.getWindow();
		if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
			throw new InvalidPropertyException(key + ".window", window, "a duration between 1h and 90d, such as 30d");
		}
		if (objective.getType().hasThreshold()) {
			PropertyChecks.positive(key + ".threshold", objective.getThreshold());
		}
		else if (objective.getThreshold() != null) {
			throw new InvalidPropertyException(key + ".threshold", objective.getThreshold(),
					"no threshold: only objectives of type latency, message-latency or message-processing-latency have one");
		}
		Match match = objective.getMatch();
		if (objective.getType() == SloType.EVENTS) {
			if (match != null) {
				throw new InvalidPropertyException(key + ".match", "uri=" + match.getUri() + ", method=" + match.getMethod(),
						"no match: events objectives are fed through SloRecorder, not from HTTP requests");
			}
			return;
		}
		if (match != null) {
			checkMessageMatch(key, objective.getType(), match);
		}
		if (match != null && !objective.getType().isMessage()) {
			if (match.getUri() != null) {
				PropertyChecks.pathPattern(key + ".match.uri", match.getUri());
			}
			String method = match.getMethod();
			if (method != null && !method.isBlank() && !METHODS.contains(method.trim().toUpperCase(Locale.ROOT))) {
				throw new InvalidPropertyException(key + ".match.method", method,
						"an HTTP method: one of " + String.join(", ", METHODS.stream().sorted().toList()));
			}
		}
	}

	/** Message objectives select by listener and topic, HTTP ones by uri and method: never a mix. */
	private static void checkMessageMatch(String key, SloType type, Match match) {
		boolean httpKeys = (match.getUri() != null && !Match.ALL_ROUTES.equals(match.getUri()))
				|| (match.getMethod() != null && !match.getMethod().isBlank());
		boolean messageKeys = match.getListener() != null || match.getTopic() != null;
		if (type.isMessage() && httpKeys) {
			throw new InvalidPropertyException(key + ".match", "uri=" + match.getUri() + ", method=" + match.getMethod(),
					"listener and topic only: " + type.value() + " objectives are fed from Kafka listeners, not HTTP requests");
		}
		if (!type.isMessage() && messageKeys) {
			throw new InvalidPropertyException(key + ".match",
					"listener=" + match.getListener() + ", topic=" + match.getTopic(),
					"uri and method only: listener and topic select messages, for objectives of type message-availability, message-latency or message-processing-latency");
		}
	}

	public static class Objective {

		/**
		 * Kind of objective: availability and latency are fed from http.server.requests, events from SloRecorder, message-availability, message-latency and message-processing-latency from Kafka listeners.
		 */
		private SloType type;

		/**
		 * Target share of good events in percent, strictly between 0 and 100 (99.9 means 99.9%).
		 */
		private Double target;

		/**
		 * Rolling window over which the error budget is counted, between 1h and 90d.
		 */
		private Duration window = Duration.ofDays(30);

		/**
		 * Latency threshold of a latency objective: a request is good when it takes no longer.
		 */
		private Duration threshold;

		/**
		 * Human-readable description shown by the slo endpoint.
		 */
		private String description;

		/**
		 * Requests (uri, method) or messages (listener, topic) the objective covers; all of them when not set.
		 */
		private Match match;

		public SloType getType() {
			return this.type;
		}

		public void setType(SloType type) {
			this.type = type;
		}

		public Double getTarget() {
			return this.target;
		}

		public void setTarget(Double target) {
			this.target = target;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public Match getMatch() {
			return this.match;
		}

		public void setMatch(Match match) {
			this.match = match;
		}

	}

	public static class Match {

		static final String ALL_ROUTES = "/**";

		/**
		 * Path pattern over the request's route template (such as /api/orders/**); requests without a route
		 * template, like unmapped 404s, match no objective.
		 */
		private String uri = ALL_ROUTES;

		/**
		 * HTTP method the objective covers; all methods when not set.
		 */
		private String method;

		/**
		 * Kafka listener id (the id of @KafkaListener) a message objective covers; all listeners when not set.
		 */
		private String listener;

		/**
		 * Kafka topic a message objective covers; all topics when not set.
		 */
		private String topic;

		public String getListener() {
			return this.listener;
		}

		public void setListener(String listener) {
			this.listener = listener;
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public String getUri() {
			return this.uri;
		}

		public void setUri(String uri) {
			this.uri = uri;
		}

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

	}

}
