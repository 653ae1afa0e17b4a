package dev.observability.autoconfigure.logging;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Who is logging and tracing: {@code service.name} from {@code spring.application.name},
 * {@code service.version} from {@code spring.application.version} (the jar manifest's Implementation-Version)
 * or else {@code build.version} of {@code META-INF/build-info.properties}, and {@code deployment.environment}
 * from {@code observability.environment} or else the first active profile. Unknown values are {@code null}.
 */
public record ServiceIdentity(String name, String version, String environment) {

	/** Spring Boot's map of OpenTelemetry resource attributes. */
	public static final String RESOURCE_ATTRIBUTES = "management.opentelemetry.resource-attributes";

	/** Resolves the identity from the environment. */
	public static ServiceIdentity from(Environment environment) {
		String name = environment.getProperty("spring.application.name");
		String version = environment.getProperty(RESOURCE_ATTRIBUTES + "[service.version]",
				environment.getProperty("spring.application.version", ""));
		if (!StringUtils.hasText(version)) {
			version = buildInfoVersion();
		}
		String deployment = environment.getProperty(RESOURCE_ATTRIBUTES + "[deployment.environment]");
		if (!StringUtils.hasText(deployment) && environment.getActiveProfiles().length > 0) {
			deployment = environment.getActiveProfiles()[0];
		}
		return new ServiceIdentity(emptyToNull(name), emptyToNull(version), emptyToNull(deployment));
	}

	private static String buildInfoVersion() {
		ClassPathResource resource = new ClassPathResource("META-INF/build-info.properties");
		if (!resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("build.version");
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String emptyToNull(String value) {
		return StringUtils.hasText(value) ? value : null;
	}

}
