package dev.observability.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared property checks at the edges of what they allow, and the failure each gives.
 */
class PropertyChecksTests {

	@Test
	void positiveAcceptsTheSmallestPositiveDurationAndRejectsZeroNegativeAndMissing() {
		assertThat(PropertyChecks.positive("k", Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
		assertThatThrownBy(() -> PropertyChecks.positive("k", Duration.ZERO)).hasMessageContaining("Property k with value '0ms'")
			.hasMessageContaining("a positive duration");
		assertThatThrownBy(() -> PropertyChecks.positive("k", Duration.ofMillis(-5))).hasMessageContaining("'-5ms'");
		assertThatThrownBy(() -> PropertyChecks.positive("k", null)).isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("Property k with value 'null'");
	}

	@Test
	void describeWritesWholeMillisecondsAsMsAndTheRestInNanoseconds() {
		assertThat(PropertyChecks.describe(Duration.ofSeconds(2))).isEqualTo("2000ms");
		assertThat(PropertyChecks.describe(Duration.ofNanos(1_500))).isEqualTo("1500ns");
		assertThat(PropertyChecks.describe(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE).toString());
	}

	@Test
	void atLeastAcceptsTheMinimumItself() {
		assertThat(PropertyChecks.atLeast("k", 16, 16)).isEqualTo(16);
		assertThatThrownBy(() -> PropertyChecks.atLeast("k", 15, 16)).isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("Property k with value '15'")
			.hasMessageContaining("an integer of at least 16");
	}

	@Test
	void labelNameAcceptsPrometheusNamesWithDotsAndRejectsTheRest() {
		assertThat(PropertyChecks.labelName("k", "order.type")).isEqualTo("order.type");
		assertThat(PropertyChecks.labelName("k", "_tenant")).isEqualTo("_tenant");
		for (String bad : new String[] { null, "1st", "__reserved", "with-dash", "" }) {
			assertThatThrownBy(() -> PropertyChecks.labelName("k", bad)).as(bad)
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("a Prometheus label name");
		}
	}

	@Test
	void pathPatternNeedsALeadingSlashAndAValidSpringPattern() {
		assertThat(PropertyChecks.pathPattern("k", "/actuator/**")).isEqualTo("/actuator/**");
		assertThatThrownBy(() -> PropertyChecks.pathPattern("k", "actuator")).hasMessageContaining("starting with '/'");
		assertThatThrownBy(() -> PropertyChecks.pathPattern("k", null)).hasMessageContaining("starting with '/'");
		assertThatThrownBy(() -> PropertyChecks.pathPattern("k", "/a/{id")).hasMessageContaining("a valid path pattern");
	}

	@Test
	void mapKeyAsWrittenFindsTheKeyTheUserWrote() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new PropertySource<Object>("not enumerable") {

			@Override
			public Object getProperty(String name) {
				return null;
			}

		});
		environment.getPropertySources()
			.addLast(new MapPropertySource("test",
					Map.of("other.checkout-latency.target", "1", "observability.slo.objectives.checkout-latency.target", "99",
							"observability.business.meters.[order.placed].tags", "x",
							"observability.business.meters.Payment_Failed.tags.reason", "y", "observability.x.plain", "z")));
		assertThat(PropertyChecks.mapKeyAsWritten(environment, "observability.slo.objectives.", "checkoutlatency"))
			.isEqualTo("checkout-latency");
		assertThat(PropertyChecks.mapKeyAsWritten(environment, "observability.business.meters.", "order.placed"))
			.isEqualTo("order.placed");
		assertThat(PropertyChecks.mapKeyAsWritten(environment, "observability.business.meters.", "paymentfailed"))
			.isEqualTo("Payment_Failed");
		assertThat(PropertyChecks.mapKeyAsWritten(environment, "observability.x.", "plain")).isEqualTo("plain");
		assertThat(PropertyChecks.mapKeyAsWritten(environment, "observability.slo.objectives.", "unknown")).isEqualTo("unknown");
	}

}
