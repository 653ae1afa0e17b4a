package dev.observability.autoconfigure.slo;

import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Keeps the {@code slo} contributor out of the {@code liveness} and {@code readiness} health groups, even
 * when they are configured to include everything: an exhausted error budget must never restart a service or
 * take it out of rotation.
 * <p>
 * Boot's own probe groups are added the same way (its {@code AvailabilityProbesHealthEndpointGroupsPostProcessor}).
 * A default {@code management.endpoint.health.group.liveness.exclude=slo} would not do: a group configured through
 * properties replaces Boot's probe group ({@code AvailabilityProbesHealthEndpointGroups.getOrCreateProbeGroup}),
 * so liveness would include every contributor but {@code slo} instead of {@code livenessState} alone.
 */
public class SloProbeGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

	/** Name of the slo health contributor. */
	public static final String CONTRIBUTOR = "slo";

	static final Set<String> PROBE_GROUPS = Set.of("liveness", "readiness");

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		return new HealthEndpointGroups() {

			@Override
			public HealthEndpointGroup getPrimary() {
				return groups.getPrimary();
			}

			@Override
			public Set<String> getNames() {
				return groups.getNames();
			}

			@Override
			public HealthEndpointGroup get(String name) {
				HealthEndpointGroup group = groups.get(name);
				return (group != null && PROBE_GROUPS.contains(name)) ? new WithoutSlo(group) : group;
			}

		};
	}

	private record WithoutSlo(HealthEndpointGroup delegate) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return !CONTRIBUTOR.equals(name) && this.delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
