package dev.observability.autoconfigure.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Matching of excluded paths, including hostile paths: whatever a client sends, matching never throws and
 * matches on the same raw path Spring MVC routes on.
 */
class ExcludedPathsTests {

	private final ExcludedPaths excludedPaths = new ExcludedPaths(List.of("/actuator/**", "/internal/*/status"));

	@Test
	void matchesTheDefaultActuatorPatternAndItsRoot() {
		assertThat(this.excludedPaths.matches("/actuator")).isTrue();
		assertThat(this.excludedPaths.matches("/actuator/health/liveness")).isTrue();
		assertThat(this.excludedPaths.matches("/internal/db/status")).isTrue();
	}

	@Test
	void doesNotMatchOtherPaths() {
		assertThat(this.excludedPaths.matches("/api/orders")).isFalse();
		assertThat(this.excludedPaths.matches("/actuatorx")).isFalse();
		assertThat(this.excludedPaths.matches("/internal/db/status/x")).isFalse();
		assertThat(this.excludedPaths.matches("/")).isFalse();
		assertThat(this.excludedPaths.matches("")).isFalse();
		assertThat(this.excludedPaths.matches((String) null)).isFalse();
	}

	@Test
	void hostilePathsNeverThrow() {
		List<String> hostile = List.of("/api/%zz", "/%", "/%%%", "/a%2", "//", "///actuator", "/actuator/../api/orders",
				"/api;jsessionid=1/../actuator", "/\u0000", "/\r\nX-Injected: 1", "/\u2028", "/" + "a/".repeat(5000),
				"/" + "%2e%2e/".repeat(100), "no-leading-slash", ";", "/;/;/;");
		for (String path : hostile) {
			assertThatNoException().as(path.length() > 40 ? path.substring(0, 40) : path)
				.isThrownBy(() -> this.excludedPaths.matches(path));
		}
		assertThat(this.excludedPaths.matches("/actuator/%zz")).as("malformed encoding is not excluded").isFalse();
		assertThat(this.excludedPaths.matches("/actuator/../api/orders"))
			.as("raw path, as Spring MVC routes it (it answers 404 to this request, so nothing is hidden)")
			.isTrue();
	}

	@Test
	void noPatternsMatchNothing() {
		assertThat(new ExcludedPaths(List.of()).matches("/actuator/health")).isFalse();
	}

}
