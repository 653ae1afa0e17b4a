package dev.observability.autoconfigure.saturation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real embedded Tomcat, with the starter's defaults (MBean registry on), Spring Boot's Tomcat thread
 * meters exist and feed {@code saturation{resource="tomcat.threads"}}.
 */
class TomcatSaturationIntegrationTests {

	@Test
	void readsTomcatThreadsFromSpringBootsTomcatMeters() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"server.tomcat.threads.max=40", "management.tracing.enabled=false")
			.run()) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.find("tomcat.threads.config.max").gauge()).isNotNull());
			assertThat(registry.get("tomcat.threads.config.max").gauge().value()).isEqualTo(40);
			Gauge saturation = registry.get("saturation").tag("resource", "tomcat.threads").gauge();
			double busy = registry.get("tomcat.threads.busy").gauge().value();
			assertThat(saturation.value()).isEqualTo(busy / 40).isBetween(0.0, 1.0);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
