package dev.observability.autoconfigure.saturation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real embedded Tomcat, with the starter's defaults (MBean registry on), Spring Boot's Tomcat thread
 * meters exist and feed {@code saturation{resource="tomcat.threads"}}.
 */
class TomcatSaturationIntegrationTests {

	@Test
	void readsTomcatThreadsFromSpringBootsTomcatMetersAndScrapesEveryResourceInUnitRange() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"server.tomcat.threads.max=40", "management.tracing.enabled=false")
			.run()) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.find("tomcat.threads.config.max").gauge()).isNotNull());
			// other applications of this JVM may have left their Tomcat's MBeans behind: read this server's pool
			Gauge max = registry.find("tomcat.threads.config.max")
				.gauges()
				.stream()
				.filter((gauge) -> gauge.value() == 40)
				.findFirst()
				.orElseThrow();
			Gauge saturation = registry.get("saturation").tag("resource", "tomcat.threads").gauge();
			Gauge busy = registry.get("tomcat.threads.busy").tags(max.getId().getTagsAsIterable()).gauge();
			// Tomcat's busy count can read briefly negative or move between two reads: saturation clamps to [0, 1]
			await().untilAsserted(() -> assertThat(saturation.value())
				.isEqualTo(Math.min(1.0, Math.max(0.0, busy.value() / 40)))
				.isBetween(0.0, 1.0));
			String scrape = scrape(context);
			Matcher matcher = SATURATION.matcher(scrape);
			List<String> resources = new ArrayList<>();
			while (matcher.find()) {
				resources.add(matcher.group(1));
				assertThat(Double.parseDouble(matcher.group(2))).isBetween(0.0, 1.0);
			}
			assertThat(resources).contains("jvm.heap", "cpu", "tomcat.threads", "executor.applicationTaskExecutor");
		}
	}

	private static final Pattern SATURATION = Pattern.compile("^saturation\\{.*resource=\"([^\"]+)\".*} (\\S+)$",
			Pattern.MULTILINE);

	private static String scrape(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
