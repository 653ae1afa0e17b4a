package dev.observability.autoconfigure.slo;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import dev.observability.autoconfigure.StartupFailureReport;
import dev.observability.slo.SloRecorder;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SloAutoConfigurationTests {

	private static final String[] SAMPLE = {
			"observability.slo.objectives.checkout-availability.type=availability",
			"observability.slo.objectives.checkout-availability.target=99.9",
			"observability.slo.objectives.checkout-availability.match.uri=/api/orders/**",
			"observability.slo.objectives.checkout-availability.match.method=POST",
			"observability.slo.objectives.checkout-latency.type=latency",
			"observability.slo.objectives.checkout-latency.threshold=250ms",
			"observability.slo.objectives.checkout-latency.target=99",
			"observability.slo.objectives.payment-success.type=events",
			"observability.slo.objectives.payment-success.target=99.5",
			"observability.slo.objectives.payment-success.window=7d" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SloAutoConfiguration.class));

	@Test
	void registersObjectivesRecorderHandlerBucketsAndHealthByDefault() {
		this.contextRunner.withPropertyValues(SAMPLE).run((context) -> {
			assertThat(context).hasSingleBean(SloObjectives.class)
				.hasSingleBean(SloRecorder.class)
				.hasSingleBean(SloServerRequestListener.class)
				.hasSingleBean(SloProbeGroupsPostProcessor.class)
				.hasBean("sloHealthIndicator");
			assertThat(context.getBean(SloObjectives.class).getObjectives()).extracting(SloObjective::getName)
				.containsExactly("checkout-availability", "checkout-latency", "payment-success");
		});
	}

	@Test
	void exportsEveryMeterOfEveryObjectiveFromStartUp() {
		this.contextRunner.withPropertyValues(SAMPLE).run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(SloObjectives.class).bindTo(registry);
			for (String slo : new String[] { "checkout-availability", "checkout-latency", "payment-success" }) {
				assertThat(registry.get(SloMeters.EVENTS).tags("slo", slo, "outcome", "good").functionCounter().count()).isZero();
				assertThat(registry.get(SloMeters.EVENTS).tags("slo", slo, "outcome", "bad").functionCounter().count()).isZero();
				assertThat(registry.get(SloMeters.ERROR_BUDGET_REMAINING).tag("slo", slo).gauge().value()).isEqualTo(1.0);
				assertThat(registry.get(SloMeters.BURN_RATE).tag("slo", slo).gauges()).extracting((g) -> g.getId().getTag("window"))
					.containsExactlyInAnyOrder("5m", "30m", "1h", "2h", "6h", "1d", "3d");
			}
			assertThat(registry.get(SloMeters.OBJECTIVE).tag("slo", "checkout-availability").gauge().value()).isEqualTo(0.999);
			assertThat(registry.get(SloMeters.WINDOW).tag("slo", "payment-success").gauge().value()).isEqualTo(7 * 86400.0);
			assertThat(registry.get(SloMeters.WINDOW).tag("slo", "payment-success").gauge().getId().getBaseUnit()).isEqualTo("seconds");
			SloRecorder recorder = context.getBean(SloRecorder.class);
			recorder.good("payment-success");
			recorder.bad("payment-success");
			assertThat(registry.get(SloMeters.EVENTS).tags("slo", "payment-success", "outcome", "bad").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get(SloMeters.BURN_RATE).tags("slo", "payment-success", "window", "5m").gauge().value()).isEqualTo(100.0, org.assertj.core.api.Assertions.within(1e-9));
		});
	}

	@Test
	void recorderRejectsAnUnknownObjectiveNamingTheDeclaredOnes() {
		this.contextRunner.withPropertyValues(SAMPLE).run((context) -> {
			SloRecorder recorder = context.getBean(SloRecorder.class);
			assertThatIllegalArgumentException().isThrownBy(() -> recorder.record("payments", true))
				.withMessageContaining("'payments'")
				.withMessageContaining("[payment-success]");
			assertThatIllegalArgumentException().isThrownBy(() -> recorder.record("checkout-latency", true))
				.withMessageContaining("[payment-success]");
		});
	}

	@Test
	void healthIsUpWithObjectiveDetailsEvenWithTheBudgetSpent() {
		this.contextRunner.withPropertyValues(SAMPLE).run((context) -> {
			context.getBean(SloRecorder.class).bad("payment-success");
			HealthIndicator health = context.getBean("sloHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(health.health().getDetails()).containsKeys("checkout-availability", "checkout-latency", "payment-success");
			assertThat(context.getBean(SloObjectives.class).get("payment-success").errorBudgetRemaining()).isNegative();
		});
	}

	@Test
	void endpointExistsWhenExposed() {
		this.contextRunner.withPropertyValues(SAMPLE).run((context) -> assertThat(context).doesNotHaveBean(SloEndpoint.class));
		this.contextRunner.withPropertyValues(SAMPLE)
			.withPropertyValues("management.endpoints.web.exposure.include=slo")
			.run((context) -> {
				assertThat(context).hasSingleBean(SloEndpoint.class);
				SloEndpoint endpoint = context.getBean(SloEndpoint.class);
				assertThat(endpoint.objectives().objectives()).containsOnlyKeys("checkout-availability", "checkout-latency", "payment-success");
				assertThat(endpoint.objective("checkout-latency")).extracting("threshold", "uri").containsExactly("250ms", "/**");
				assertThat(endpoint.objective("nope")).isNull();
			});
	}

	@Test
	void backsOffWhenUserDefinesObjectives() {
		this.contextRunner.withPropertyValues(SAMPLE).withUserConfiguration(UserObjectives.class).run((context) -> {
			assertThat(context).hasSingleBean(SloObjectives.class);
			assertThat(context.getBean(SloObjectives.class)).isSameAs(context.getBean("userObjectives"));
		});
	}

	@Test
	void backsOffWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues(SAMPLE)
			.withPropertyValues("observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SloObjectives.class)
				.doesNotHaveBean(SloServerRequestListener.class));
	}

	@Test
	void registersNoRequestListenerWithoutSpringWeb() {
		this.contextRunner.withPropertyValues(SAMPLE)
			.withClassLoader(new FilteredClassLoader(PathPatternParser.class))
			.run((context) -> assertThat(context).hasSingleBean(SloObjectives.class)
				.doesNotHaveBean(SloServerRequestListener.class));
	}

	@Test
	void registersNoHealthWithoutSpringBootHealth() {
		this.contextRunner.withPropertyValues(SAMPLE)
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(SloObjectives.class)
				.doesNotHaveBean("sloHealthIndicator")
				.doesNotHaveBean(SloProbeGroupsPostProcessor.class));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = {
			"observability.slo.objectives.a.target|100|observability.slo.objectives.a.target|strictly between 0 and 100",
			"observability.slo.objectives.a.target|0|observability.slo.objectives.a.target|strictly between 0 and 100",
			"observability.slo.objectives.a.window|30m|observability.slo.objectives.a.window|between 1h and 90d",
			"observability.slo.objectives.a.window|91d|observability.slo.objectives.a.window|between 1h and 90d",
			"observability.slo.objectives.a.threshold|300ms|observability.slo.objectives.a.threshold|only objectives of type latency",
			"observability.slo.objectives.a.type|latency|observability.slo.objectives.a.threshold|positive duration",
			"observability.slo.objectives.a.match.uri|api/**|observability.slo.objectives.a.match.uri|starting with '/'",
			"observability.slo.objectives.a.match.uri|/api/**/x|observability.slo.objectives.a.match.uri|valid path pattern",
			"observability.slo.objectives.a.match.method|FETCH|observability.slo.objectives.a.match.method|an HTTP method",
			"observability.slo.objectives.[Checkout SLO].target|99|observability.slo.objectives.Checkout SLO|lower-case letters" })
	void failsFastOnAnInvalidObjective(String key, String value, String failingKey, String allowed) {
		String name = key.contains("[") ? "[Checkout SLO]" : "a";
		this.contextRunner
			.withPropertyValues("observability.slo.objectives." + name + ".type=availability",
					"observability.slo.objectives." + name + ".target=99", key + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("Property " + failingKey + " with value")
					.hasMessageContaining(allowed);
			});
	}

	@Test
	void failsFastOnAMatchOnAnEventsObjective() {
		this.contextRunner
			.withPropertyValues("observability.slo.objectives.payments.type=events",
					"observability.slo.objectives.payments.target=99", "observability.slo.objectives.payments.match.uri=/api/**")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property observability.slo.objectives.payments.match with value")
				.hasMessageContaining("events objectives are fed through SloRecorder"));
	}

	@Test
	void failsFastOnAMissingTarget() {
		this.contextRunner.withPropertyValues("observability.slo.objectives.payments.type=events")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property observability.slo.objectives.payments.target with value"));
	}

	@Test
	void reportsTheValidTypesOnAnUnknownType() {
		this.contextRunner
			.withPropertyValues("observability.slo.objectives.checkout.type=availabilty",
					"observability.slo.objectives.checkout.target=99")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailureReport.of(failure))
					.contains("observability.slo.objectives.checkout.type")
					.contains("availabilty")
					.contains("The following values are valid")
					.contains("AVAILABILITY", "LATENCY", "EVENTS")));
	}

	@Test
	void reportsAnInvalidObjectiveWithKeyValueAndWhatIsAllowed() {
		this.contextRunner
			.withPropertyValues("observability.slo.objectives.checkout.type=availability",
					"observability.slo.objectives.checkout.target=100")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailureReport.of(failure))
					.contains("observability.slo.objectives.checkout.target")
					.contains("100")
					.contains("strictly between 0 and 100")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserObjectives {

		@Bean
		SloObjectives userObjectives() {
			return new SloObjectives(new SloProperties(), Clock.SYSTEM);
		}

	}

}
