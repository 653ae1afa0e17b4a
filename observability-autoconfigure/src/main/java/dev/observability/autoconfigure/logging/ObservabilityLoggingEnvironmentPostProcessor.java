package dev.observability.autoconfigure.logging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Runs before Spring Boot initializes Logback (its logging listener comes after the environment post
 * processors): validates {@code observability.logging} (a bad value fails start-up before any log line) and, for
 * {@code observability.logging.format=json}, points {@code logging.config} at the starter's JSON
 * configuration unless the application has its own Logback file, a {@code logging.config} or Boot's
 * structured console logging; it then also switches Spring Boot's banner off ({@code spring.main.banner-mode=off}),
 * so that every line on standard output is one JSON object. All contributions are defaults at the lowest
 * precedence: {@code spring.main.banner-mode=log} writes the banner as one JSON event instead.
 */
public class ObservabilityLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the contributions. */
	public static final String PROPERTY_SOURCE_NAME = "observabilityLoggingDefaults";

	/** The starter's Logback configuration for JSON console output. */
	public static final String JSON_CONFIG = "classpath:dev/observability/logging/logback-json.xml";

	private static final List<String> LOGBACK_FILES = List.of("logback-test.groovy", "logback-test.xml",
			"logback.groovy", "logback.xml", "logback-spring.groovy", "logback-spring.xml", "logback-test-spring.xml");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ConditionalOnEnabledObservability.PROPERTY, Boolean.class, true)) {
			return;
		}
		LoggingProperties properties = LoggingSettings.bind(environment);
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (properties.getFormat() == LoggingProperties.Format.JSON && usesDefaultLogbackSetUp(environment)) {
			defaults.put("logging.config", JSON_CONFIG);
			// the banner is plain text on stdout, ahead of the first JSON line
			defaults.put("spring.main.banner-mode", "off");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	private static boolean usesDefaultLogbackSetUp(ConfigurableEnvironment environment) {
		ClassLoader classLoader = ObservabilityLoggingEnvironmentPostProcessor.class.getClassLoader();
		if (!ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader)
				|| !ClassUtils.isPresent("net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder", classLoader)) {
			return false;
		}
		if (StringUtils.hasText(environment.getProperty("logging.config"))
				|| StringUtils.hasText(environment.getProperty("logging.structured.format.console"))) {
			return false;
		}
		for (String file : LOGBACK_FILES) {
			if (classLoader.getResource(file) != null) {
				return false;
			}
		}
		return true;
	}

}
