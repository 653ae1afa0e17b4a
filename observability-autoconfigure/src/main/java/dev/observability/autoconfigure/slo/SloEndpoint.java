package dev.observability.autoconfigure.slo;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/slo}: every objective's type, target, window, good and bad events in the window, SLI,
 * error budget left, burn rate per window and alert state ({@code page}, {@code ticket} or {@code none});
 * {@code /actuator/slo/{name}} for one objective.
 */
@Endpoint(id = "slo")
public class SloEndpoint {

	private final SloObjectives objectives;

	public SloEndpoint(SloObjectives objectives) {
		this.objectives = objectives;
	}

	@ReadOperation
	public SloReport objectives() {
		return this.objectives.report();
	}

	@ReadOperation
	public SloReport.ObjectiveReport objective(@Selector String name) {
		SloObjective objective = this.objectives.get(name);
		return (objective != null) ? objective.report() : null;
	}

}
