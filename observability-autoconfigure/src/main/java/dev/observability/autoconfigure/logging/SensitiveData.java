package dev.observability.autoconfigure.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masking rules of {@code observability.logging.mask.*}: sensitive field names (matched ignoring case and
 * {@code -_.}, also as a suffix: {@code db_password}) and sensitive values (e-mail, Luhn-valid card numbers,
 * JWTs, bearer tokens, {@code name=value} pairs of sensitive names inside text, custom regular expressions).
 * Immutable and thread-safe; {@link #mask(String)} returns the same instance when nothing matched.
 */
public final class SensitiveData {

	// starts only at the beginning of a run of local-part characters, so a long run without a valid address
	// is scanned once (linear), not once per start position
	private static final Pattern EMAIL = Pattern
		.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)*+(?<=\\.[A-Za-z]{2,63})");

	private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");

	private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/-]+=*");

	private final Set<String> fields;

	private final List<Rule> rules;

	private final String replacement;

	public SensitiveData(Collection<String> fields, Collection<LoggingProperties.MaskPattern> patterns,
			Map<String, String> customPatterns, String replacement) {
		Set<String> normalized = new LinkedHashSet<>();
		fields.forEach((field) -> normalized.add(normalize(field)));
		normalized.remove("");
		this.fields = Set.copyOf(normalized);
		this.replacement = replacement;
		String quoted = Matcher.quoteReplacement(replacement);
		List<Rule> rules = new ArrayList<>();
		if (patterns.contains(LoggingProperties.MaskPattern.BEARER_TOKEN)) {
			rules.add(new Rule(BEARER, (s) -> containsIgnoreCase(s, "bearer"), "$1" + quoted, null));
		}
		if (patterns.contains(LoggingProperties.MaskPattern.JWT)) {
			rules.add(new Rule(JWT, (s) -> s.contains("eyJ"), quoted, null));
		}
		if (!fields.isEmpty()) {
			StringBuilder names = new StringBuilder();
			for (String field : fields) {
				if (!names.isEmpty()) {
					names.append('|');
				}
				StringJoiner parts = new StringJoiner("[-_.]?");
				for (String part : field.split("[-_.]+")) {
					if (!part.isEmpty()) {
						parts.add(Pattern.quote(part));
					}
				}
				names.append(parts);
			}
			Pattern pair = Pattern.compile("(?i)((?:" + names + ")[\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}]+)");
			rules.add(new Rule(pair, (s) -> s.indexOf('=') >= 0 || s.indexOf(':') >= 0, "$1" + quoted, null));
		}
		if (patterns.contains(LoggingProperties.MaskPattern.EMAIL)) {
			rules.add(new Rule(EMAIL, (s) -> s.indexOf('@') > 0, quoted, null));
		}
		if (patterns.contains(LoggingProperties.MaskPattern.CARD_NUMBER)) {
			rules.add(new Rule(CARD_NUMBER, (s) -> digits(s) >= 13, quoted, SensitiveData::luhnValid));
		}
		customPatterns.values().forEach((regex) -> rules.add(new Rule(Pattern.compile(regex), (s) -> true, quoted, null)));
		this.rules = List.copyOf(rules);
	}

	/** Whether the value of a field with this name is masked entirely. */
	public boolean isSensitiveField(String name) {
		if (name == null || this.fields.isEmpty()) {
			return false;
		}
		String normalized = normalize(name);
		for (String field : this.fields) {
			if (normalized.endsWith(field)) {
				return true;
			}
		}
		return false;
	}

	/** The value with every sensitive part replaced, or the same instance when nothing matched. */
	public String mask(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		String result = value;
		for (Rule rule : this.rules) {
			result = rule.apply(result);
		}
		return result;
	}

	/** Text that replaces masked values. */
	public String replacement() {
		return this.replacement;
	}

	static String normalize(String name) {
		StringBuilder builder = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = Character.toLowerCase(name.charAt(i));
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				builder.append(c);
			}
		}
		return builder.toString();
	}

	private static boolean containsIgnoreCase(String s, String part) {
		int max = s.length() - part.length();
		for (int i = 0; i <= max; i++) {
			if (s.regionMatches(true, i, part, 0, part.length())) {
				return true;
			}
		}
		return false;
	}

	private static int digits(String s) {
		int count = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				count++;
			}
		}
		return count;
	}

	/** Whether the digits of a candidate card number pass the Luhn check. */
	static boolean luhnValid(String candidate) {
		int sum = 0;
		int count = 0;
		boolean doubled = false;
		for (int i = candidate.length() - 1; i >= 0; i--) {
			char c = candidate.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int digit = c - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
			count++;
		}
		return count >= 13 && count <= 19 && sum % 10 == 0;
	}

	private record Rule(Pattern pattern, Predicate<String> mayMatch, String replacement, Predicate<String> confirm) {

		String apply(String value) {
			if (!this.mayMatch.test(value)) {
				return value;
			}
			Matcher matcher = this.pattern.matcher(value);
			if (!matcher.find()) {
				return value;
			}
			StringBuilder builder = new StringBuilder(value.length());
			do {
				if (this.confirm == null || this.confirm.test(matcher.group())) {
					matcher.appendReplacement(builder, this.replacement);
				}
				else {
					matcher.appendReplacement(builder, Matcher.quoteReplacement(matcher.group()));
				}
			}
			while (matcher.find());
			matcher.appendTail(builder);
			return builder.toString();
		}

	}


}
