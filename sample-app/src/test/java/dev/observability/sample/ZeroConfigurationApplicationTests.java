package dev.observability.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.observability.sample.PrometheusScrape.Sample;
import dev.observability.zeroconfig.ZeroConfigApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The definition of done: a Spring Boot web application with nothing but the starter dependency (no
 * {@code application.yml} at all) gets the golden-signal buckets, the application tag, excluded actuator
 * paths, saturation, Tomcat meters, trace and request ids on responses and the exposure defaults; with
 * {@code observability.enabled=false} it is a plain Spring Boot application again.
 */
class ZeroConfigurationApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anApplicationWithOnlyTheStarterIsObservable() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			int port = port(context);
			HttpResponse<String> greeting = get(port, "/greetings/ada");
			assertThat(greeting.statusCode()).isEqualTo(200);
			assertThat(greeting.headers().firstValue("X-Trace-Id")).hasValueSatisfying(
					(traceId) -> assertThat(traceId).matches("[0-9a-f]{32}"));
			assertThat(greeting.headers().firstValue("X-Request-ID")).isPresent();
			assertThat(greeting.headers().firstValue("traceresponse")).isPresent();
			get(port, "/actuator/health");

			PrometheusScrape scrape = PrometheusScrape.fetch(this.http, port);
			List<Sample> buckets = scrape.samples("http_server_requests_seconds_bucket", "uri", "/greetings/{name}");
			assertThat(buckets).extracting((sample) -> sample.labels().get("le"))
				.contains("0.1", "0.3", "1.0", "1.2");
			assertThat(buckets).allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", "application"));
			assertThat(scrape.text()).doesNotContain("uri=\"/actuator");
			assertThat(scrape.samples("saturation")).extracting((sample) -> sample.labels().get("resource"))
				.contains("jvm.heap", "cpu", "tomcat.threads");
			assertThat(scrape.samples("saturation")).allSatisfy((sample) -> assertThat(sample.value()).isBetween(0.0, 1.0));
			assertThat(scrape.samples("tomcat_threads_busy_threads")).isNotEmpty();
			assertThat(get(port, "/actuator/slo").statusCode()).isEqualTo(200);
			assertThat(get(port, "/actuator/env").statusCode()).as("only health, info, prometheus and slo are exposed")
				.isEqualTo(404);
		}
	}

	@Test
	void observabilityEnabledFalseLeavesAPlainSpringBootApplication() throws Exception {
		try (ConfigurableApplicationContext context = start("--observability.enabled=false")) {
			int port = port(context);
			HttpResponse<String> greeting = get(port, "/greetings/ada");
			assertThat(greeting.statusCode()).isEqualTo(200);
			assertThat(greeting.headers().firstValue("X-Trace-Id")).isEmpty();
			assertThat(greeting.headers().firstValue("X-Request-ID")).isEmpty();
			assertThat(get(port, "/actuator/prometheus").statusCode()).as("Spring Boot exposes only health")
				.isEqualTo(404);
			assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start(String... args) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				// no application.yml: the sample's own configuration file must not be picked up
				"--spring.config.name=zero-config-has-no-config-file"));
		arguments.addAll(List.of(args));
		return new SpringApplicationBuilder(ZeroConfigApplication.class).run(arguments.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
