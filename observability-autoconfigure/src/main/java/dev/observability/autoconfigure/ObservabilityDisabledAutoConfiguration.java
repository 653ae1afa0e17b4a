package dev.observability.autoconfigure;

import dev.observability.business.BusinessMetrics;
import dev.observability.slo.SloRecorder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The kill switch {@code observability.enabled=false} removes every meter, filter, span and log customisation,
 * but an application written against the starter's public API must still start: its {@link BusinessMetrics}
 * and {@link SloRecorder} become no-ops ({@code @BusinessEvent} methods simply run).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = ConditionalOnEnabledObservability.PROPERTY, havingValue = false)
public final class ObservabilityDisabledAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BusinessMetrics noopBusinessMetrics() {
		return BusinessMetrics.noop();
	}

	@Bean
	@ConditionalOnMissingBean
	SloRecorder noopSloRecorder() {
		return SloRecorder.noop();
	}

}
