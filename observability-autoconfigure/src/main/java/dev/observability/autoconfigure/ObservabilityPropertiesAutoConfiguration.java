package dev.observability.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Checks every {@code observability.*} property before any bean is created (see
 * {@link ObservabilityPropertiesValidator}).
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
public final class ObservabilityPropertiesAutoConfiguration {

	@Bean
	static ObservabilityPropertiesValidator observabilityPropertiesValidator() {
		return new ObservabilityPropertiesValidator();
	}

}
