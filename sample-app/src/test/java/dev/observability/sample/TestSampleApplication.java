package dev.observability.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample against real containers ({@link TestcontainersConfiguration}: PostgreSQL instead of the
 * embedded H2), from the test classpath:
 * {@code ./mvnw -pl sample-app -am spring-boot:test-run -Dspring-boot.run.main-class=dev.observability.sample.TestSampleApplication}
 * (README "The sample app").
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(TestcontainersConfiguration.class).run(args);
	}

}
