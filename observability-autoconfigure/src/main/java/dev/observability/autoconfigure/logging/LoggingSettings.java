package dev.observability.autoconfigure.logging;

/**
 * What the Logback components of the starter (created by Logback from XML, before any Spring bean exists)
 * need from the Spring environment: the bound {@code observability.logging} properties and the service
 * identity. Published by {@link ObservabilityLoggingEnvironmentPostProcessor} before Spring Boot initializes
 * Logback; defaults apply when nothing was published (e.g. a plain Logback set-up).
 */
public final class LoggingSettings {

	private static volatile LoggingSettings current = new LoggingSettings(new LoggingProperties(),
			new ServiceIdentity(null, null, null));

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

	/** The settings most recently published. */
	public static LoggingSettings current() {
		return current;
	}

	static void publish(LoggingProperties properties, ServiceIdentity identity) {
		current = new LoggingSettings(properties, identity);
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
