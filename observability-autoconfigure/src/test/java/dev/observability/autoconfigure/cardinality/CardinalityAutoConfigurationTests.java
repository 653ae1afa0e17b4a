package dev.observability.autoconfigure.cardinality;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CardinalityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, CardinalityAutoConfiguration.class));

	@Test
	void guardsTheRegistryWithTheDefaultLimit() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CardinalityGuardMeterRegistryCustomizer.class);
			assertThat(context.getBean(CardinalityGuard.class).getMaxSeriesPerMeter()).isEqualTo(2000);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			flood(registry, 2500);
			assertThat(registry.find("flood").counters()).hasSize(2000);
			assertThat(registry.get("flood").tag("user", "OTHER").counter().count()).isEqualTo(501);
			assertThat(registry.get("observability.cardinality.overflow").tag("meter", "flood").counter().count())
				.isEqualTo(501);
		});
	}

	@Test
	void holdsInEveryRegistryBehindTheCompositeWithoutDoubleCounting() {
		this.contextRunner.withUserConfiguration(TwoRegistriesConfiguration.class)
			.withPropertyValues("management.metrics.tags.application=orders-service")
			.run((context) -> {
				MeterRegistry composite = context.getBean(MeterRegistry.class);
				assertThat(composite).isInstanceOf(CompositeMeterRegistry.class);
				flood(composite, 5000);
				for (String name : new String[] { "first", "second" }) {
					MeterRegistry child = context.getBean(name, MeterRegistry.class);
					assertThat(child.find("flood").counters()).hasSize(2000);
					assertThat(child.get("flood").tag("application", "orders-service").counters()).hasSize(2000);
					assertThat(child.get("flood").tags("user", "OTHER", "application", "orders-service").counter().count())
						.isEqualTo(3001);
					assertThat(child.get("observability.cardinality.overflow").tag("meter", "flood").counter().count())
						.isEqualTo(3001);
				}
				assertThat(composite.get("observability.cardinality.overflow").tag("meter", "flood").counter().count())
					.isEqualTo(3001);
			});
	}

	@Test
	void holdsForMetersRegisteredDirectlyOnAChildRegistry() {
		this.contextRunner.withUserConfiguration(TwoRegistriesConfiguration.class)
			.withPropertyValues("observability.cardinality.max-series-per-meter=5")
			.run((context) -> {
				MeterRegistry first = context.getBean("first", MeterRegistry.class);
				flood(first, 12);
				assertThat(first.find("flood").counters()).hasSize(5);
				assertThat(first.get("observability.cardinality.overflow").tag("meter", "flood").counter().count())
					.isEqualTo(8);
			});
	}

	@Test
	void usesTheConfiguredLimit() {
		this.contextRunner.withPropertyValues("observability.cardinality.max-series-per-meter=3").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			flood(registry, 10);
			assertThat(registry.find("flood").counters()).hasSize(3);
		});
	}

	@Test
	void failsFastOnALimitBelowOne() {
		this.contextRunner.withPropertyValues("observability.cardinality.max-series-per-meter=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.cardinality.max-series-per-meter")
				.hasMessageContaining("'0'")
				.hasMessageContaining("an integer of at least 1"));
	}

	@Test
	void backsOffWhenUserDefinesGuard() {
		this.contextRunner.withUserConfiguration(UserGuardConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CardinalityGuard.class);
			assertThat(context.getBean(CardinalityGuard.class).getMaxSeriesPerMeter()).isEqualTo(7);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			flood(registry, 10);
			assertThat(registry.find("flood").counters()).hasSize(7);
		});
	}

	@Test
	void guardsNothingWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CardinalityGuard.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			flood(registry, 2500);
			assertThat(registry.find("flood").counters()).hasSize(2500);
		});
	}

	@Test
	void backsOffWithoutSpringBootMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistryCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CardinalityGuard.class));
	}

	private static void flood(MeterRegistry registry, int distinct) {
		for (int i = 0; i < distinct; i++) {
			registry.counter("flood", "user", "u" + i).increment();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRegistriesConfiguration {

		@Bean
		SimpleMeterRegistry first() {
			return new SimpleMeterRegistry();
		}

		@Bean
		SimpleMeterRegistry second() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserGuardConfiguration {

		@Bean
		CardinalityGuard userGuard() {
			return new CardinalityGuard(7);
		}

	}

}
