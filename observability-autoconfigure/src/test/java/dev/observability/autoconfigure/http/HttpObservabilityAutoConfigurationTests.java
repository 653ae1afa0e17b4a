package dev.observability.autoconfigure.http;

import java.util.List;

import dev.observability.autoconfigure.ObservabilityProperties;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class HttpObservabilityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpObservabilityAutoConfiguration.class));

	@Test
	void excludesActuatorByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ExcludedPathsObservationPredicate.class);
			ExcludedPaths excluded = context.getBean(ExcludedPaths.class);
			assertThat(excluded.matches("/actuator/prometheus")).isTrue();
			assertThat(excluded.matches("/api/orders")).isFalse();
		});
	}

	@Test
	void vetoesObservationsOfExcludedPathsOnly() {
		this.contextRunner.withPropertyValues("observability.http.exclude-paths=/actuator/**,/internal/*")
			.run((context) -> {
				ExcludedPathsObservationPredicate predicate = context.getBean(ExcludedPathsObservationPredicate.class);
				assertThat(predicate.test("http.server.requests", serverContext("", "/actuator/health"))).isFalse();
				assertThat(predicate.test("http.server.requests", serverContext("", "/internal/x"))).isFalse();
				assertThat(predicate.test("http.server.requests", serverContext("/shop", "/shop/actuator/health")))
					.isFalse();
				assertThat(predicate.test("http.server.requests", serverContext("", "/api/orders"))).isTrue();
				assertThat(predicate.test("other", new Observation.Context())).isTrue();
			});
	}

	@Test
	void backsOffWhenUserDefinesExcludedPaths() {
		this.contextRunner.withUserConfiguration(UserExcludedPathsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ExcludedPaths.class);
			assertThat(context.getBean(ExcludedPaths.class).matches("/actuator/health")).isFalse();
			assertThat(context.getBean(ExcludedPaths.class).matches("/private")).isTrue();
		});
	}

	@Test
	void contributesNothingWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExcludedPaths.class)
				.doesNotHaveBean(ExcludedPathsObservationPredicate.class));
	}

	@Test
	void skipsPathExclusionOutsideServletApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HttpObservabilityAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExcludedPaths.class)
				.hasSingleBean(ObservabilityProperties.class));
	}

	@Test
	void skipsPathExclusionWithoutSpringWebObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerRequestObservationContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExcludedPaths.class)
				.hasSingleBean(ObservabilityProperties.class));
	}

	@Test
	void failsFastOnANegativeApdexThreshold() {
		this.contextRunner.withPropertyValues("observability.http.apdex-threshold=-300ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.http.apdex-threshold")
				.hasMessageContaining("'-300ms'")
				.hasMessageContaining("a positive duration"));
	}

	@Test
	void failsFastOnAZeroSloBucket() {
		this.contextRunner.withPropertyValues("observability.http.slo-buckets=100ms,0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.http.slo-buckets[1]")
				.hasMessageContaining("a positive duration"));
	}

	@Test
	void failsFastOnAnExcludePathWithoutLeadingSlash() {
		this.contextRunner.withPropertyValues("observability.http.exclude-paths=actuator/**")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.http.exclude-paths[0]")
				.hasMessageContaining("'actuator/**'")
				.hasMessageContaining("starting with '/'"));
	}

	@Test
	void failsFastOnAnInvalidExcludePattern() {
		this.contextRunner.withPropertyValues("observability.http.exclude-paths=/a/**/b")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.http.exclude-paths[0]")
				.hasMessageContaining("a valid path pattern"));
	}

	private static ServerRequestObservationContext serverContext(String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		return new ServerRequestObservationContext(request, new MockHttpServletResponse());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExcludedPathsConfiguration {

		@Bean
		ExcludedPaths userExcludedPaths() {
			return new ExcludedPaths(List.of("/private"));
		}

	}

}
