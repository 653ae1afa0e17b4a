package dev.observability.autoconfigure;

import java.time.Duration;

import dev.observability.business.BusinessMetrics;
import dev.observability.slo.SloRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ObservabilityDisabledAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservabilityDisabledAutoConfiguration.class));

	@Test
	void providesNothingWhileObservabilityIsEnabled() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BusinessMetrics.class)
			.doesNotHaveBean(SloRecorder.class));
	}

	@Test
	void providesNoOpPublicApiBeansWhenDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(BusinessMetrics.class).hasSingleBean(SloRecorder.class);
			BusinessMetrics metrics = context.getBean(BusinessMetrics.class);
			assertThatNoException().isThrownBy(() -> {
				metrics.increment("undeclared", "any", "tag");
				metrics.record("undeclared", Duration.ofMillis(5));
				metrics.record("undeclared", 12.5);
				metrics.set("undeclared", 1);
				context.getBean(SloRecorder.class).record("undeclared", false);
			});
		});
	}

	@Test
	void backsOffToAUserBean() {
		SloRecorder mine = (objective, good) -> {
		};
		this.contextRunner.withPropertyValues("observability.enabled=false")
			.withBean("mine", SloRecorder.class, () -> mine)
			.run((context) -> assertThat(context.getBean(SloRecorder.class)).isSameAs(mine));
	}

}
