package dev.observability.autoconfigure.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.ObservabilityProperties;
import dev.observability.autoconfigure.logging.ServiceIdentity;
import dev.observability.autoconfigure.messaging.MessagingMeters;
import dev.observability.autoconfigure.slo.SloProperties;
import dev.observability.autoconfigure.slo.SloType;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Contributes the starter's defaults for Spring Boot's own properties (exposure, histograms, common tags,
 * Tomcat MBeans, ...) as the last property source, so anything a user sets anywhere wins. The static
 * defaults live in {@code META-INF/observability/defaults.properties}; the few that depend on other
 * properties are computed here (histograms and exact latency buckets on the request timers, under the names
 * Boot gives them; the message objectives' thresholds as exact buckets of the Kafka timers they are read from;
 * OTLP metrics export off without a URL; the OpenTelemetry resource attributes {@code service.version} and
 * {@code deployment.environment} when known). Nothing is contributed when {@code observability.enabled=false}.
 */
public class ObservabilityDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "observabilityDefaults";

	static final String DEFAULTS_RESOURCE = "META-INF/observability/defaults.properties";

	private static final String SERVER_REQUESTS_NAME = "management.observations.http.server.requests.name";

	private static final String CLIENT_REQUESTS_NAME = "management.observations.http.client.requests.name";

	private static final String HISTOGRAM = "management.metrics.distribution.percentiles-histogram.";

	private static final String SLO = "management.metrics.distribution.slo.";

	/** The timer each message latency type is read from. */
	private static final Map<SloType, String> MESSAGE_TIMERS = Map.of(SloType.MESSAGE_PROCESSING_LATENCY,
			MessagingMeters.LISTENER, SloType.MESSAGE_LATENCY, MessagingMeters.END_TO_END_LATENCY);

	@Override
	public int getOrder() {
		// after config data (application.yml) is loaded, so observability.enabled and URLs can be read
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ConditionalOnEnabledObservability.PROPERTY, Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		loadStaticDefaults().forEach((key, value) -> defaults.put((String) key, value));
		// the OTLP metrics push registry (spring-boot-starter-opentelemetry) pushes to localhost:4318 every
		// minute and warns when nothing listens: keep it off until a URL is configured
		if (environment.getProperty("management.otlp.metrics.export.url") == null) {
			defaults.put("management.otlp.metrics.export.enabled", "false");
		}
		// golden signals under the names Boot gives the request timers: percentile histograms plus exact buckets
		// (SLO buckets, Apdex T and 4T, every latency objective's threshold); the in-flight long-task timers
		// share the prefix and stay plain
		Binder binder = Binder.get(environment);
		Map<SloType, List<Duration>> thresholds = thresholds(binder);
		String httpBuckets = buckets(httpBoundaries(binder, thresholds.getOrDefault(SloType.LATENCY, List.of())));
		for (String timer : List.of(environment.getProperty(SERVER_REQUESTS_NAME, "http.server.requests"),
				environment.getProperty(CLIENT_REQUESTS_NAME, "http.client.requests"))) {
			defaults.put(HISTOGRAM + timer, "true");
			defaults.put(HISTOGRAM + timer + ".active", "false");
			defaults.put(SLO + timer, httpBuckets);
			defaults.put(SLO + timer + ".active", "");
		}
		// the message objectives' thresholds on the Kafka timers they are read from: processing latency on Spring
		// Kafka's listener timer (not its in-flight long-task timer), end-to-end latency on the starter's own
		thresholds.forEach((type, boundaries) -> {
			String timer = MESSAGE_TIMERS.get(type);
			if (timer != null) {
				defaults.put(SLO + timer, buckets(boundaries));
				defaults.put(SLO + timer + ".active", "");
			}
		});
		// the trace resource names the version and environment when they are known (logs carry the same)
		ServiceIdentity identity = ServiceIdentity.from(environment);
		if (identity.version() != null) {
			defaults.put(ServiceIdentity.RESOURCE_ATTRIBUTES + "[service.version]", identity.version());
		}
		if (identity.environment() != null) {
			defaults.put(ServiceIdentity.RESOURCE_ATTRIBUTES + "[deployment.environment]", identity.environment());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	/** The SLO buckets, T and 4T of {@code observability.http}, and the given latency thresholds. */
	private static List<Duration> httpBoundaries(Binder binder, List<Duration> latencyThresholds) {
		ObservabilityProperties.Http http = binder
			.bind("observability.http", Bindable.of(ObservabilityProperties.Http.class), new IgnoreErrorsBindHandler())
			.orElseGet(ObservabilityProperties.Http::new);
		List<Duration> boundaries = new ArrayList<>(http.getSloBuckets());
		Duration apdex = http.getApdexThreshold();
		if (apdex != null) {
			boundaries.add(apdex);
			boundaries.add(apdex.multipliedBy(4));
		}
		boundaries.addAll(latencyThresholds);
		return boundaries;
	}

	/** The declared objectives' thresholds by type, for the types that have one. */
	private static Map<SloType, List<Duration>> thresholds(Binder binder) {
		Map<SloType, List<Duration>> thresholds = new EnumMap<>(SloType.class);
		binder.bind("observability.slo.objectives", Bindable.mapOf(String.class, SloProperties.Objective.class),
				new IgnoreErrorsBindHandler())
			.ifBound((objectives) -> objectives.values().stream()
				.filter((objective) -> objective.getType() != null && objective.getType().hasThreshold())
				.forEach((objective) -> thresholds.computeIfAbsent(objective.getType(), (type) -> new ArrayList<>())
					.add(objective.getThreshold())));
		return thresholds;
	}

	/**
	 * Boundaries, ascending, as Boot's {@code management.metrics.distribution.slo.*} value. Values that do not bind
	 * or are not positive are left out here: the starter's properties report them at start-up.
	 */
	static String buckets(List<Duration> boundaries) {
		return boundaries.stream()
			.filter((boundary) -> boundary != null && !boundary.isNegative() && !boundary.isZero())
			.map(Duration::toNanos)
			.distinct()
			.sorted()
			.map((nanos) -> (nanos % 1_000_000 == 0) ? (nanos / 1_000_000) + "ms" : nanos + "ns")
			.collect(Collectors.joining(","));
	}

	static Properties loadStaticDefaults() {
		try {
			return PropertiesLoaderUtils.loadProperties(new ClassPathResource(DEFAULTS_RESOURCE,
					ObservabilityDefaultsEnvironmentPostProcessor.class.getClassLoader()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + DEFAULTS_RESOURCE, ex);
		}
	}

}
