package dev.observability.sample;

import dev.observability.sample.support.StackImage;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * The sample's database as a container, through Spring Boot's Testcontainers support: a PostgreSQL container
 * whose {@link ServiceConnection} replaces the embedded H2 of {@code application.yml} (Boot derives the
 * datasource's URL, user and password from the running container). {@link TestSampleApplication} runs the sample
 * with it ({@code spring-boot:test-run}); a test imports it with {@code @Import(TestcontainersConfiguration.class)}.
 * <p>
 * The image is the official {@code postgres} one unless {@code POSTGRES_IMAGE} (environment variable or system
 * property) names another, such as the one {@code docker/build-local-images.sh} builds from Debian's package
 * where no registry is reachable; it is declared a substitute for {@code postgres}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(DockerImageName.parse(StackImage.POSTGRES.image()).asCompatibleSubstituteFor("postgres"));
	}

}
