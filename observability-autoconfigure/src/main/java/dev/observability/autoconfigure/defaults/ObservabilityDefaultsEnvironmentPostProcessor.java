package dev.observability.autoconfigure.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.logging.ServiceIdentity;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Contributes the starter's defaults for Spring Boot's own properties (exposure, histograms, common tags,
 * Tomcat MBeans, ...) as the last property source, so anything a user sets anywhere wins. The static
 * defaults live in {@code META-INF/observability/defaults.properties}; the few that depend on other
 * properties are computed here (OTLP metrics export off without a URL; the OpenTelemetry resource attributes
 * {@code service.version} and {@code deployment.environment} when known). Nothing is contributed when {@code observability.enabled=false}.
 */
public class ObservabilityDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "observabilityDefaults";

	static final String DEFAULTS_RESOURCE = "META-INF/observability/defaults.properties";

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
