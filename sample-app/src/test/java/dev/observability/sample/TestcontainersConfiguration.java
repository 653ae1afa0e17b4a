package dev.observability.sample;

import java.time.Duration;

import dev.observability.sample.support.PrometheusServer;
import dev.observability.sample.support.RepositoryFiles;
import dev.observability.sample.support.StackImage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The sample's services as containers, through Spring Boot's Testcontainers support:
 * <ul>
 * <li>a PostgreSQL container whose {@link ServiceConnection} replaces the embedded H2 of {@code application.yml}
 * (Boot derives the datasource's URL, user and password from the running container);</li>
 * <li>a Prometheus with the repository's {@code prometheus/rules/} that scrapes the application every 15s once its
 * web server is up ({@link PrometheusServer}: a container with host networking).</li>
 * </ul>
 * {@link TestSampleApplication} runs the sample with it ({@code spring-boot:test-run}); a test imports it with
 * {@code @Import(TestcontainersConfiguration.class)}.
 * <p>
 * The images are the official {@code postgres} and {@code prom/prometheus} unless {@code POSTGRES_IMAGE} and
 * {@code PROMETHEUS_IMAGE} (environment variables or system properties) name others, such as those
 * {@code docker/build-local-images.sh} builds from Debian's packages where no registry is reachable; the
 * PostgreSQL image is declared a substitute for {@code postgres}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(DockerImageName.parse(StackImage.POSTGRES.image()).asCompatibleSubstituteFor("postgres"));
	}

	@Bean
	SamplePrometheus samplePrometheus() {
		return new SamplePrometheus();
	}

	/** Prometheus with the repository's rules, scraping the application's port once it is known. */
	public static final class SamplePrometheus implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

		private static final Log logger = LogFactory.getLog(SamplePrometheus.class);

		private volatile PrometheusServer server;

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			if (event.getApplicationContext().getServerNamespace() != null || this.server != null) {
				return; // a separate management server, or started already
			}
			this.server = PrometheusServer.builder()
				.scrape("orders-service", "127.0.0.1:" + event.getWebServer().getPort(), "/actuator/prometheus")
				.scrapeInterval(Duration.ofSeconds(15))
				.evaluationInterval(Duration.ofSeconds(15))
				.ruleFiles(RepositoryFiles.ruleFiles())
				.start();
			logger.info("Prometheus with prometheus/rules/ scrapes the sample: " + this.server.baseUrl());
		}

		/** The running Prometheus (null before the web server started). */
		public PrometheusServer server() {
			return this.server;
		}

		@Override
		public void destroy() {
			PrometheusServer running = this.server;
			if (running != null) {
				running.close();
			}
		}

	}

}
