package dev.observability.autoconfigure.cardinality;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A cap on the series of every meter ({@code observability.cardinality.max-series-per-meter}) in every
 * registry, the composite included.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@ConditionalOnClass({ MeterRegistry.class, MeterRegistryCustomizer.class })
@EnableConfigurationProperties(CardinalityProperties.class)
public final class CardinalityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CardinalityGuard cardinalityGuard(CardinalityProperties properties) {
		return new CardinalityGuard(properties.getMaxSeriesPerMeter());
	}

	@Bean
	@ConditionalOnMissingBean
	CardinalityGuardMeterRegistryCustomizer cardinalityGuardMeterRegistryCustomizer(CardinalityGuard guard) {
		return new CardinalityGuardMeterRegistryCustomizer(guard);
	}

}
