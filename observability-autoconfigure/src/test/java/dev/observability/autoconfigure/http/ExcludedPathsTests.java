package dev.observability.autoconfigure.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Matching of excluded paths, including hostile paths: whatever a client sends, matching never throws and
 * matches on the same raw path Spring MVC routes on.
 */
class ExcludedPathsTests {

	private static final List<String> PATTERNS = List.of("/actuator/**", "/health", "/docs/", "/api/v1/internal*",
			"/static/{file}.css", "/files/{*rest}", "/a?c/x", "/{tenant}/admin", "/**");

	private static final List<String> PATHS = List.of("", "/", "/actuator", "/actuator/", "/actuator/health",
			"/actuator/health/liveness", "/actuatorx", "/Actuator/health", "//actuator/health",
			"/actuator;jsessionid=1/health", "/act%75ator/health", "/%61ctuator", "/actuator/%2e%2e/x", "/health",
			"/health/", "/healthz", "/heal", "/docs", "/docs/", "/api/v1/internal", "/api/v1/internalfoo",
			"/api/v1/intern", "/static/site.css", "/static/.css", "/static/site.js", "/files", "/files/a/b",
			"/abc/x", "/a/c/x", "/acme/admin", "/admin", "/api/orders/42", "/api/catalog");

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

	@Test
	void matchesExactlyWhatItsPathPatternsMatch() {
		assertSoftly((softly) -> {
			for (String pattern : PATTERNS) {
				ExcludedPaths excludedPaths = new ExcludedPaths(List.of(pattern));
				for (String path : PATHS) {
					boolean expected = PathPatternParser.defaultInstance.parse(pattern)
						.matches(PathContainer.parsePath(path.isEmpty() ? "/" : path));
					softly.assertThat(excludedPaths.matches(path)).as("%s matches %s", pattern, path).isEqualTo(expected);
				}
			}
		});
	}

	@Test
	void matchesAPathWhenAnyOfSeveralPatternsMatches() {
		ExcludedPaths excludedPaths = new ExcludedPaths(List.of("/actuator/**", "/internal/{id}"));
		assertThat(excludedPaths.matches("/internal/7")).isTrue();
		assertThat(excludedPaths.matches("/actuator")).isTrue();
		assertThat(excludedPaths.matches("/act%75ator/prometheus")).isTrue();
		assertThat(excludedPaths.matches("/api/orders")).isFalse();
		assertThat(excludedPaths.matches("/internal")).isFalse();
	}

	@Test
	void literalPrefixIsTheTextBeforeTheFirstWildcardWithoutTrailingSlash() {
		assertThat(ExcludedPaths.literalPrefix("/actuator/**")).isEqualTo("/actuator");
		assertThat(ExcludedPaths.literalPrefix("/api/v1/internal*")).isEqualTo("/api/v1/internal");
		assertThat(ExcludedPaths.literalPrefix("/static/{file}.css")).isEqualTo("/static");
		assertThat(ExcludedPaths.literalPrefix("/health")).isEqualTo("/health");
		assertThat(ExcludedPaths.literalPrefix("/**")).isEmpty();
		assertThat(ExcludedPaths.literalPrefix("/caf%C3%A9/**")).isEmpty();
	}

	@Test
	void matchesTheRequestsPathWithinTheApplication() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/shop/actuator/health");
		request.setContextPath("/shop");
		assertThat(this.excludedPaths.matches(request)).isTrue();
		MockHttpServletRequest api = new MockHttpServletRequest("GET", "/shop/api/orders");
		api.setContextPath("/shop");
		assertThat(this.excludedPaths.matches(api)).isFalse();
		assertThat(this.excludedPaths.matches(new MockHttpServletRequest("GET", "/actuator"))).isTrue();
		MockHttpServletRequest noUri = new MockHttpServletRequest("GET", "/actuator");
		noUri.setRequestURI(null);
		assertThat(this.excludedPaths.matches(noUri)).isFalse();
		assertThat(new ExcludedPaths(List.of()).matches(new MockHttpServletRequest("GET", "/actuator"))).isFalse();
	}

	@Test
	void matchesAParsedPathAsWebFluxHandsIt() {
		assertThat(this.excludedPaths.matches(PathContainer.parsePath("/actuator/health"))).isTrue();
		assertThat(this.excludedPaths.matches(PathContainer.parsePath("/act%75ator/health"))).isTrue();
		assertThat(this.excludedPaths.matches(PathContainer.parsePath("/actuator;v=1/health"))).isTrue();
		assertThat(this.excludedPaths.matches(PathContainer.parsePath("/internal/7/status"))).isTrue();
		assertThat(this.excludedPaths.matches(PathContainer.parsePath("/api/orders"))).isFalse();
		assertThat(this.excludedPaths.matches(PathContainer.parsePath("/internal/7/other"))).isFalse();
		assertThat(this.excludedPaths.matches(PathContainer.parsePath(""))).isFalse();
		assertThat(this.excludedPaths.matches((PathContainer) null)).isFalse();
		assertThat(new ExcludedPaths(List.of()).matches(PathContainer.parsePath("/actuator"))).isFalse();
	}

	@Test
	void describesItselfByItsPatterns() {
		assertThat(this.excludedPaths).hasToString("[/actuator/**, /internal/*/status]");
	}

}
