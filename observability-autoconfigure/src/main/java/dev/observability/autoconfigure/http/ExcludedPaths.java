package dev.observability.autoconfigure.http;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths of {@code observability.http.exclude-paths}, parsed once: requests to them are neither timed,
 * traced, access-logged nor given tracing headers. Shared by every concern that looks at requests.
 */
public final class ExcludedPaths {

	private final List<PathPattern> patterns;

	public ExcludedPaths(List<String> patterns) {
		this.patterns = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/** Whether the request's path within the application matches an excluded pattern. */
	public boolean matches(HttpServletRequest request) {
		if (this.patterns.isEmpty()) {
			return false;
		}
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		if (uri == null) {
			return false;
		}
		String path = (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath))
				? uri.substring(contextPath.length()) : uri;
		return matches(path);
	}

	/** Whether a path within the application matches an excluded pattern. */
	public boolean matches(String path) {
		if (this.patterns.isEmpty() || path == null) {
			return false;
		}
		PathContainer container;
		try {
			container = PathContainer.parsePath(path.isEmpty() ? "/" : path);
		}
		catch (IllegalArgumentException ex) {
			// a malformed percent-encoding ("/%zz"): not an excluded path; the request is observed as usual
			return false;
		}
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
