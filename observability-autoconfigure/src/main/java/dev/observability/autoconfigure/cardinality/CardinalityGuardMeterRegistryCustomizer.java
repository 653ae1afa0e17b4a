package dev.observability.autoconfigure.cardinality;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.core.Ordered;

/**
 * Installs a {@link CardinalityGuard} filter on every meter registry Spring Boot configures, the
 * auto-configured composite included. Spring Boot applies {@code MeterFilter} beans to each registry except
 * its own composite (compare Spring Boot issue #47285), and one shared filter instance would see the
 * composite's and the children's differently mapped ids as different series; a customizer reaches every
 * registry and gives each its own filter. It runs first among customizers, so the guard is the first filter.
 */
public class CardinalityGuardMeterRegistryCustomizer implements MeterRegistryCustomizer<MeterRegistry>, Ordered {

	private final CardinalityGuard guard;

	public CardinalityGuardMeterRegistryCustomizer(CardinalityGuard guard) {
		this.guard = guard;
	}

	@Override
	public void customize(MeterRegistry registry) {
		registry.config().meterFilter(this.guard.filterFor(registry));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
