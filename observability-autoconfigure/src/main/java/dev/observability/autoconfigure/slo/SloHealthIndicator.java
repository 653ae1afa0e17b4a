package dev.observability.autoconfigure.slo;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code slo} health contributor: always {@code UP}, with every objective's state as details. An exhausted
 * error budget is a reason to act, never to take the service out of rotation; the contributor is also kept
 * out of the liveness and readiness groups by {@link SloProbeGroupsPostProcessor}.
 */
public class SloHealthIndicator implements HealthIndicator {

	private final SloObjectives objectives;

	public SloHealthIndicator(SloObjectives objectives) {
		this.objectives = objectives;
	}

	@Override
	public Health health() {
		return Health.up().withDetails(this.objectives.report().objectives()).build();
	}

}
