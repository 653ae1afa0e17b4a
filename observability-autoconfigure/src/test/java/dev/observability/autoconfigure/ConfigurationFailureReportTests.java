package dev.observability.autoconfigure;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.stream.Stream;

import dev.observability.autoconfigure.business.BusinessMetricsAutoConfiguration;
import dev.observability.autoconfigure.cardinality.CardinalityAutoConfiguration;
import dev.observability.autoconfigure.http.HttpObservabilityAutoConfiguration;
import dev.observability.autoconfigure.logging.LoggingObservabilityAutoConfiguration;
import dev.observability.autoconfigure.saturation.SaturationAutoConfiguration;
import dev.observability.autoconfigure.slo.SloAutoConfiguration;
import dev.observability.autoconfigure.tracing.TracingObservabilityAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every validation path of the starter's properties, through the failure analyzers Spring Boot registers: the
 * report names the key, the value as the user wrote it (not {@code PT0S}, not a stripped map key) and what is
 * allowed.
 */
class ConfigurationFailureReportTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				ObservabilityDisabledAutoConfiguration.class, ObservabilityPropertiesAutoConfiguration.class,
				BusinessMetricsAutoConfiguration.class,
				CardinalityAutoConfiguration.class, HttpObservabilityAutoConfiguration.class,
				LoggingObservabilityAutoConfiguration.class, SaturationAutoConfiguration.class, SloAutoConfiguration.class,
				TracingObservabilityAutoConfiguration.class));

	private static final String SLO = "observability.slo.objectives.checkout.";

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				arguments(List.of("observability.http.apdex-threshold=-300ms"), "observability.http.apdex-threshold", "-300ms", "a positive duration"),
				arguments(List.of("observability.http.slo-buckets[0]=100ms", "observability.http.slo-buckets[1]=0s"), "observability.http.slo-buckets[1]", "0s", "a positive duration"),
				arguments(List.of("observability.http.exclude-paths[0]=actuator"), "observability.http.exclude-paths[0]", "actuator", "a path pattern starting with '/'"),
				arguments(List.of("observability.http.exclude-paths[0]=/a/**/b/**"), "observability.http.exclude-paths[0]", "/a/**/b/**", "a valid path pattern"),
				arguments(List.of("observability.logging.async.queue-size=8"), "observability.logging.async.queue-size", "8", "an integer of at least 16"),
				arguments(List.of("observability.logging.async.drop-warning-interval=0s"), "observability.logging.async.drop-warning-interval", "0s", "a positive duration"),
				arguments(List.of("observability.logging.async.shutdown-timeout=0s"), "observability.logging.async.shutdown-timeout", "0s", "a positive duration"),
				arguments(List.of("observability.logging.stack-trace.max-depth=0"), "observability.logging.stack-trace.max-depth", "0", "an integer of at least 1"),
				arguments(List.of("observability.logging.stack-trace.max-length=10B"), "observability.logging.stack-trace.max-length", "10B", "a size between 256B and 2GB"),
				arguments(List.of("observability.logging.mask.fields[0]=---"), "observability.logging.mask.fields[0]", "---", "at least one letter or digit"),
				arguments(List.of("observability.logging.mask.custom-patterns.iban=[A-Z"), "observability.logging.mask.custom-patterns.iban", "[A-Z", "a Java regular expression"),
				arguments(List.of("observability.cardinality.max-series-per-meter=0"), "observability.cardinality.max-series-per-meter", "0", "an integer of at least 1"),
				arguments(List.of("observability.business.max-tag-values=0"), "observability.business.max-tag-values", "0", "an integer of at least 1"),
				arguments(List.of("observability.business.meters.orders.tags[0]=1channel"), "observability.business.meters[orders].tags[0]", "1channel", "a Prometheus label name"),
				arguments(List.of("observability.tracing.trace-id-header=X Trace"), "observability.tracing.trace-id-header", "X Trace", "an HTTP header name"),
				arguments(List.of("observability.tracing.request-id.header=X:Id"), "observability.tracing.request-id.header", "X:Id", "an HTTP header name"),
				arguments(List.of("observability.tracing.baggage.mdc-keys[0]=a b"), "observability.tracing.baggage.mdc-keys[0]", "a b", "a baggage key"),
				arguments(List.of("observability.tracing.shutdown-timeout=0s"), "observability.tracing.shutdown-timeout", "0s", "a positive duration"),
				arguments(List.of(SLO + "type=availability", SLO + "target=100"), SLO + "target", "100", "a percentage strictly between 0 and 100"),
				arguments(List.of(SLO + "target=99.9"), SLO + "type", null, "one of availability, latency, events"),
				arguments(List.of(SLO + "type=availability", SLO + "target=99.9", SLO + "window=0s"), SLO + "window", "0s", "a duration between 1h and 90d"),
				arguments(List.of(SLO + "type=availability", SLO + "target=99.9", SLO + "window=1000d"), SLO + "window", "1000d", "a duration between 1h and 90d"),
				arguments(List.of(SLO + "type=latency", SLO + "target=99", SLO + "threshold=0ms"), SLO + "threshold", "0ms", "a positive duration"),
				arguments(List.of(SLO + "type=availability", SLO + "target=99", SLO + "threshold=300ms"), SLO + "threshold", "300ms", "only objectives of type latency"),
				arguments(List.of(SLO + "type=availability", SLO + "target=99", SLO + "match.method=FETCH"), SLO + "match.method", "FETCH", "an HTTP method"),
				arguments(List.of(SLO + "type=availability", SLO + "target=99", SLO + "match.uri=api/**"), SLO + "match.uri", "api/**", "a path pattern starting with '/'"),
				arguments(List.of(SLO + "type=availability", SLO + "target=99", SLO + "min-events=0"), SLO + "min-events", "0", "at least 1"),
				arguments(List.of("observability.slo.objectives.Bad Name!.type=availability", "observability.slo.objectives.Bad Name!.target=99"), "observability.slo.objectives.Bad Name!", "Bad Name!", "an objective name of lower-case letters"));
	}

	@ParameterizedTest(name = "[{index}] {1}")
	@MethodSource("invalidConfigurations")
	void reportNamesTheKeyTheValueAsWrittenAndWhatIsAllowed(List<String> properties, String key, String written,
			String allowed) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			// thrown while the bean factory is post-processed, before any bean (the web server's filters
			// included) is created: no "Error starting Tomcat context ... UnsatisfiedDependencyException" first
			assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
			// the same property source as the runner's (a failed context no longer hands out its environment)
			StandardEnvironment environment = new StandardEnvironment();
			TestPropertyValues.of(properties).applyTo(environment);
			FailureAnalysis analysis = analyze(failure, environment);
			assertThat(analysis).as("a failure analyzer reports %s", failure).isNotNull();
			assertThat(analysis.getCause()).isInstanceOf(InvalidConfigurationPropertyValueException.class);
			assertThat(analysis.getDescription()).contains("Invalid value '" + written + "' for configuration property '" + key + "'")
				.contains(allowed);
		});
	}

	/** What Spring Boot prints: the analysis of its own analyzer for this exception (package-private in Boot). */
	private static FailureAnalysis analyze(Throwable failure, Environment environment) throws Exception {
		Constructor<?> constructor = Class
			.forName("org.springframework.boot.diagnostics.analyzer.InvalidConfigurationPropertyValueFailureAnalyzer")
			.getDeclaredConstructor(Environment.class);
		constructor.setAccessible(true);
		return ((FailureAnalyzer) constructor.newInstance(environment)).analyze(failure);
	}

}
