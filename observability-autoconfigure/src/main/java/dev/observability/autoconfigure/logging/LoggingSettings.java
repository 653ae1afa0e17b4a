package dev.observability.autoconfigure.logging;

import ch.qos.logback.core.Context;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * What the Logback components of the starter (created by Logback from XML, before any Spring bean exists)
 * need from the Spring environment: the bound {@code observability.logging} properties and the service
 * identity. Read, as Spring Boot's own {@code StructuredLogEncoder} does, from the {@link Environment} that
 * Spring Boot's {@code LogbackLoggingSystem} puts into the Logback context before it loads a configuration;
 * defaults apply when there is none (a plain Logback set-up without Spring Boot).
 */
public final class LoggingSettings {

	private final LoggingProperties properties;

	private final ServiceIdentity identity;

	private final SensitiveData sensitiveData;

	LoggingSettings(LoggingProperties properties, ServiceIdentity identity) {
		this.properties = properties;
		this.identity = identity;
		LoggingProperties.Mask mask = properties.getMask();
		this.sensitiveData = mask.isEnabled() ? new SensitiveData(mask.getFields(), mask.getPatterns(),
				mask.getCustomPatterns(), mask.getReplacement()) : null;
	}

	/**
	 * The settings of the Spring environment in the given Logback context, or the defaults when the context
	 * holds none.
	 */
	public static LoggingSettings of(Context context) {
		ConfigurableEnvironment environment = environment(context);
		return (environment != null) ? from(environment)
				: new LoggingSettings(new LoggingProperties(), new ServiceIdentity(null, null, null));
	}

	/** Only the {@code observability.logging} properties of {@link #of(Context)}. */
	static LoggingProperties propertiesOf(Context context) {
		ConfigurableEnvironment environment = environment(context);
		return (environment != null) ? bind(environment) : new LoggingProperties();
	}

	private static ConfigurableEnvironment environment(Context context) {
		Object environment = (context != null) ? context.getObject(Environment.class.getName()) : null;
		return (environment instanceof ConfigurableEnvironment configurable) ? configurable : null;
	}

	/** Binds {@code observability.logging} (validated) and resolves the service identity. */
	static LoggingSettings from(ConfigurableEnvironment environment) {
		LoggingProperties properties = bind(environment);
		return new LoggingSettings(properties, ServiceIdentity.from(environment));
	}

	static LoggingProperties bind(ConfigurableEnvironment environment) {
		LoggingProperties properties = Binder.get(environment)
			.bind("observability.logging", LoggingProperties.class)
			.orElseGet(LoggingProperties::new);
		properties.afterPropertiesSet();
		return properties;
	}

	public LoggingProperties properties() {
		return this.properties;
	}

	public ServiceIdentity identity() {
		return this.identity;
	}

	/** The masking rules, or {@code null} when masking is off. */
	public SensitiveData sensitiveData() {
		return this.sensitiveData;
	}

}
