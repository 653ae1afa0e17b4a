package dev.observability.autoconfigure;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.observability.autoconfigure.business.BusinessMetricsAutoConfiguration;
import dev.observability.autoconfigure.cardinality.CardinalityAutoConfiguration;
import dev.observability.autoconfigure.saturation.SaturationAutoConfiguration;
import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's meters as Prometheus scrapes them, with Prometheus and a second registry behind Spring
 * Boot's composite.
 */
class ObservabilityScrapeTests {

	private static final Pattern SERIES = Pattern.compile("^(\\w+)\\{([^}]*)} (\\S+)", Pattern.MULTILINE);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SaturationAutoConfiguration.class,
				BusinessMetricsAutoConfiguration.class, CardinalityAutoConfiguration.class))
		.withBean("second", SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("management.metrics.tags.application=orders-service",
				"observability.business.meters[orders.placed].tags=channel",
				"observability.business.meters[order.value].type=summary",
				"observability.business.meters[order.value].base-unit=cents",
				"observability.business.meters[order.value].tags=currency");

	@Test
	void scrapeShowsSaturationInUnitRangeAndCappedBusinessMetersUnderAFlood() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(CompositeMeterRegistry.class);
			BusinessMetrics metrics = context.getBean(BusinessMetrics.class);
			for (int i = 0; i < 5000; i++) {
				metrics.increment("orders.placed", "channel", "channel-" + i);
				metrics.record("order.value", 100, "currency", (i % 2 == 0) ? "EUR" : "USD");
				registry.counter("raw.flood", "user", "u" + i).increment();
			}
			String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
			List<String[]> saturation = series(scrape, "saturation");
			assertThat(saturation).extracting((s) -> s[1]).anyMatch((l) -> l.contains("resource=\"jvm.heap\""))
				.anyMatch((l) -> l.contains("resource=\"cpu\""));
			assertThat(saturation).allSatisfy((s) -> assertThat(Double.parseDouble(s[2])).isBetween(0.0, 1.0));
			assertThat(series(scrape, "orders_placed_total")).hasSize(101)
				.allSatisfy((s) -> assertThat(s[1]).contains("application=\"orders-service\""));
			assertThat(scrape).contains("orders_placed_total{application=\"orders-service\",channel=\"OTHER\"} 4900.0");
			assertThat(scrape).contains(
					"observability_business_tag_overflow_total{application=\"orders-service\",meter=\"orders.placed\",tag=\"channel\"} 4900.0");
			assertThat(scrape).contains("order_value_cents_count{application=\"orders-service\",currency=\"EUR\"} 2500");
			assertThat(series(scrape, "raw_flood_total")).hasSize(2000);
			assertThat(scrape).contains(
					"observability_cardinality_overflow_total{application=\"orders-service\",meter=\"raw.flood\"} 3001.0");
			assertThat(scrape).contains("raw_flood_total{application=\"orders-service\",user=\"OTHER\"} 3001.0");
			MeterRegistry second = context.getBean("second", MeterRegistry.class);
			assertThat(second.find("raw.flood").counters()).hasSize(2000);
			assertThat(second.find("orders.placed").counters()).hasSize(101);
		});
	}

	private static List<String[]> series(String scrape, String name) {
		Matcher matcher = SERIES.matcher(scrape);
		List<String[]> result = new java.util.ArrayList<>();
		while (matcher.find()) {
			if (matcher.group(1).equals(name)) {
				result.add(new String[] { matcher.group(1), matcher.group(2), matcher.group(3) });
			}
		}
		return result;
	}

}
