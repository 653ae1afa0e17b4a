package dev.observability.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.util.ClassUtils;

/**
 * Start-up checks shared by the starter's properties classes; each failure is an
 * {@link InvalidConfigurationPropertyValueException} naming the key, the value and what is allowed.
 */
public final class PropertyChecks {

	private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	private PropertyChecks() {
	}

	/** Fails unless the duration is set and strictly positive. */
	public static Duration positive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(key, (value != null) ? describe(value) : null,
					"a positive duration such as 300ms or 1s");
		}
		return value;
	}

	/** A duration as a user writes it in application.yml ({@code -300ms}), not ISO-8601 ({@code PT-0.3S}). */
	static String describe(Duration value) {
		try {
			long nanos = value.toNanos();
			return (nanos % 1_000_000 == 0) ? (nanos / 1_000_000) + "ms" : nanos + "ns";
		}
		catch (ArithmeticException ex) {
			return value.toString();
		}
	}

	/**
	 * The map key as the user wrote it ({@code Bad Name!}) for a key as the binder bound it ({@code BadName}):
	 * the binder drops characters a map key may not hold unless written in brackets. Looks through the
	 * environment's property names under the prefix; the bound key when none matches.
	 */
	public static String mapKeyAsWritten(Environment environment, String prefix, String bound) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return bound;
		}
		String wanted = alphanumeric(bound);
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				if (!name.startsWith(prefix)) {
					continue;
				}
				String rest = name.substring(prefix.length());
				String key = rest.startsWith("[") && rest.indexOf(']') > 0 ? rest.substring(1, rest.indexOf(']'))
						: rest.contains(".") ? rest.substring(0, rest.lastIndexOf('.')) : rest;
				while (!alphanumeric(key).equals(wanted) && key.contains(".")) {
					key = key.substring(0, key.lastIndexOf('.'));
				}
				if (alphanumeric(key).equals(wanted)) {
					return key;
				}
			}
		}
		return bound;
	}

	private static String alphanumeric(String value) {
		StringBuilder builder = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = Character.toLowerCase(value.charAt(i));
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				builder.append(c);
			}
		}
		return builder.toString();
	}

	/** Fails unless the number is at least {@code min}. */
	public static int atLeast(String key, int value, int min) {
		if (value < min) {
			throw new InvalidConfigurationPropertyValueException(key, value, "an integer of at least " + min);
		}
		return value;
	}

	/**
	 * Fails unless the value is a valid Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting
	 * with {@code __}). Dots are accepted as they become underscores in Prometheus.
	 */
	public static String labelName(String key, String value) {
		String normalized = (value != null) ? value.replace('.', '_') : null;
		if (normalized == null || !LABEL_NAME.matcher(normalized).matches() || normalized.startsWith("__")) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"a Prometheus label name: a letter or '_' followed by letters, digits, '_' or '.', not starting with '__'");
		}
		return value;
	}

	/** Fails unless the pattern is a valid Spring path pattern such as {@code /actuator/**}. */
	public static String pathPattern(String key, String value) {
		if (value == null || !value.startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException(key, value, "a path pattern starting with '/', such as /actuator/**");
		}
		if (ClassUtils.isPresent("org.springframework.web.util.pattern.PathPatternParser", null)) {
			WebPathPatterns.check(key, value);
		}
		return value;
	}

	/** Kept apart so that spring-web is only loaded when present. */
	private static final class WebPathPatterns {

		static void check(String key, String value) {
			try {
				PathPatternParser.defaultInstance.parse(value);
			}
			catch (PatternParseException ex) {
				throw new InvalidConfigurationPropertyValueException(key, value,
						"a valid path pattern such as /actuator/** (" + ex.getMessage() + ")");
			}
		}

	}

}
