package dev.observability.autoconfigure.slo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own health groups, post-processed: the probe groups never contain the {@code slo} contributor,
 * every other group and every other property of a group stay as configured.
 */
class SloProbeGroupsPostProcessorTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				SloAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.group.readiness.include=*",
				"management.endpoint.health.group.readiness.show-details=always",
				"management.endpoint.health.group.readiness.additional-path=server:/ready",
				"management.endpoint.health.group.liveness.include=*",
				"management.endpoint.health.group.custom.include=*",
				"management.endpoint.health.group.custom.status.order=up,down",
				"management.endpoint.health.group.custom.status.http-mapping.up=207");

	@Test
	void probeGroupsThatIncludeEverythingExcludeSloOnly() {
		this.contextRunner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			for (String probe : new String[] { "readiness", "liveness" }) {
				HealthEndpointGroup group = groups.get(probe);
				assertThat(group.isMember("slo")).as(probe).isFalse();
				assertThat(group.isMember("db")).as(probe).isTrue();
			}
			assertThat(groups.getPrimary().isMember("slo")).isTrue();
			assertThat(groups.get("custom").isMember("slo")).isTrue();
			assertThat(groups.getNames()).containsExactlyInAnyOrder("readiness", "liveness", "custom");
			assertThat(groups.get("unknown")).isNull();
		});
	}

	@Test
	void aProbeGroupKeepsItsOtherSettings() {
		this.contextRunner.run((context) -> {
			HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
			assertThat(readiness.showDetails(SecurityContext.NONE)).isTrue();
			assertThat(readiness.showComponents(SecurityContext.NONE)).isTrue();
			assertThat(readiness.getAdditionalPath().getValue()).isEqualTo("/ready");
			HealthEndpointGroup liveness = context.getBean(HealthEndpointGroups.class).get("liveness");
			assertThat(liveness.showDetails(SecurityContext.NONE)).isFalse();
			assertThat(liveness.showComponents(SecurityContext.NONE)).isFalse();
			assertThat(liveness.getAdditionalPath()).isNull();
			assertThat(readiness.getStatusAggregator().getAggregateStatus(java.util.Set.of(Status.UP, Status.DOWN)))
				.isEqualTo(Status.DOWN);
			assertThat(readiness.getHttpCodeStatusMapper().getStatusCode(Status.DOWN)).isEqualTo(503);
		});
	}

	@Test
	void leavesTheGroupsAloneWhenTheSloHealthContributorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.slo.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SloProbeGroupsPostProcessor.class);
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("slo")).isTrue();
		});
	}

}
