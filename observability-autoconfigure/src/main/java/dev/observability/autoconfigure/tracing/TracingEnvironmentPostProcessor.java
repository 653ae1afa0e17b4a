package dev.observability.autoconfigure.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.observability.autoconfigure.logging.ServiceIdentity;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing defaults that are not {@code management.*} keys or depend on other properties, contributed as the
 * last property source (anything set anywhere wins): {@code spring.task.execution.propagate-context=true}, so
 * trace context follows {@code @Async} and the auto-configured executor, and the OpenTelemetry resource
 * attributes {@code service.version} and {@code deployment.environment} when they are known (see
 * {@link ServiceIdentity}). Nothing is contributed when {@code observability.enabled=false}.
 */
public class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the contributions. */
	public static final String PROPERTY_SOURCE_NAME = "observabilityTracingDefaults";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("observability.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.task.execution.propagate-context", "true");
		ServiceIdentity identity = ServiceIdentity.from(environment);
		if (identity.version() != null) {
			defaults.put(ServiceIdentity.RESOURCE_ATTRIBUTES + "[service.version]", identity.version());
		}
		if (identity.environment() != null) {
			defaults.put(ServiceIdentity.RESOURCE_ATTRIBUTES + "[deployment.environment]", identity.environment());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

}
