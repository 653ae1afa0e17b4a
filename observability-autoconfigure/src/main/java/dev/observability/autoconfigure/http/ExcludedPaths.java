package dev.observability.autoconfigure.http;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths of {@code observability.http.exclude-paths}, parsed once: requests to them are neither timed,
 * traced, access-logged nor given tracing headers. Consulted once per request, by
 * {@link ExcludedPathsObservationPredicate}; every other feature follows from the observation's absence.
 */
public class ExcludedPaths {

	private final List<PathPattern> patterns;

	/** The literal start of each pattern, which every path it matches begins with (see {@link #literalPrefix}). */
	private final String[] literalPrefixes;

	public ExcludedPaths(List<String> patterns) {
		this.patterns = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.literalPrefixes = patterns.stream().map(ExcludedPaths::literalPrefix).toArray(String[]::new);
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

	/** Whether a parsed path within the application (WebFlux's {@code pathWithinApplication()}) is excluded. */
	public boolean matches(PathContainer path) {
		if (this.patterns.isEmpty() || path == null) {
			return false;
		}
		String value = path.value();
		if (value.indexOf('%') < 0 && value.indexOf(';') < 0 && !startsWithLiteralPrefix(value.isEmpty() ? "/" : value)) {
			return false;
		}
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/** Whether a path within the application matches an excluded pattern. */
	public boolean matches(String path) {
		if (this.patterns.isEmpty() || path == null) {
			return false;
		}
		String candidate = path.isEmpty() ? "/" : path;
		// most requests are not excluded: decide those without parsing (which allocates), as long as the
		// path's text is what the patterns see (no percent-decoding, no matrix variables to strip)
		if (candidate.indexOf('%') < 0 && candidate.indexOf(';') < 0 && !startsWithLiteralPrefix(candidate)) {
			return false;
		}
		PathContainer container;
		try {
			container = PathContainer.parsePath(candidate);
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

	private boolean startsWithLiteralPrefix(String path) {
		for (String prefix : this.literalPrefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The text before a pattern's first wildcard or variable, without a trailing {@code /} (since
	 * {@code /actuator/**} also matches {@code /actuator}): a path whose text is matched as it is (no
	 * {@code %} or {@code ;}) can only match the pattern when it starts with this. Empty (no shortcut) when
	 * the pattern itself holds a character that could be matched other than literally.
	 */
	static String literalPrefix(String pattern) {
		int end = pattern.length();
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '%' || c == ';' || c == '\\') {
				return "";
			}
			if (c == '*' || c == '?' || c == '{') {
				end = i;
				break;
			}
		}
		String prefix = pattern.substring(0, end);
		return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
