package dev.observability.autoconfigure.logging;

import java.util.ArrayList;
import java.util.Arrays;
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

	/**
	 * Start of a word inside a name or text: after a character that is not a letter or digit, at a lower-case
	 * to upper-case step ({@code dbPass}), at the last capital of an acronym ({@code APIKey}) or after digits.
	 */
	private static final String WORD_START = "(?:(?<![A-Za-z0-9])|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z]))";

	/** Names this short (pwd, pass, auth) match only as whole words, so compass or bypass are left alone. */
	private static final int SHORT_NAME = 4;

	private final Set<String> fields;

	private final List<Rule> rules;

	private final List<Rule> acrossLineBreaks;

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
			StringJoiner shortNames = new StringJoiner("|");
			StringJoiner longNames = new StringJoiner("|");
			for (String field : fields) {
				StringJoiner parts = new StringJoiner("[-_.]?");
				for (String part : field.split("[-_.]+")) {
					if (!part.isEmpty()) {
						parts.add(Pattern.quote(part));
					}
				}
				if (parts.length() > 0) {
					(isShort(normalize(field)) ? shortNames : longNames).add(parts.toString());
				}
			}
			StringJoiner names = new StringJoiner("|");
			if (shortNames.length() > 0) {
				names.add(WORD_START + "(?i:" + shortNames + ")");
			}
			if (longNames.length() > 0) {
				names.add("(?i:" + longNames + ")");
			}
			// an HTTP authentication scheme (Authorization: Basic ...) is part of the value
			Pattern pair = Pattern.compile("((?:" + names + ")[\"']?\\s*[=:]\\s*)((?i:basic|bearer|digest|negotiate|ntlm)\\s+)?"
					+ "(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}]+)");
			rules.add(new Rule(pair, (s) -> s.indexOf('=') >= 0 || s.indexOf(':') >= 0, "$1" + quoted, null));
		}
		// values a line break can split (wrapped text): these are also looked for with line breaks removed
		List<Rule> splittable = new ArrayList<>();
		if (patterns.contains(LoggingProperties.MaskPattern.JWT)) {
			splittable.add(rules.stream().filter((rule) -> rule.pattern() == JWT).findFirst().orElseThrow());
		}
		if (patterns.contains(LoggingProperties.MaskPattern.EMAIL)) {
			Rule email = new Rule(EMAIL, (s) -> s.indexOf('@') > 0, quoted, null);
			rules.add(email);
			splittable.add(email);
		}
		if (patterns.contains(LoggingProperties.MaskPattern.CARD_NUMBER)) {
			// ids, hashes and timestamps have many digits but not 13 in one card-like run: no regex for them
			Rule card = new Rule(CARD_NUMBER, (s) -> longestDigitRun(s) >= 13, quoted, SensitiveData::luhnValid);
			rules.add(card);
			splittable.add(card);
		}
		customPatterns.values().forEach((regex) -> rules.add(new Rule(Pattern.compile(regex), (s) -> true, quoted, null)));
		this.rules = List.copyOf(rules);
		this.acrossLineBreaks = List.copyOf(splittable);
	}

	/** Whether the value of a field with this name is masked entirely. */
	public boolean isSensitiveField(String name) {
		if (name == null || this.fields.isEmpty()) {
			return false;
		}
		String normalized = normalize(name);
		for (String field : this.fields) {
			if (normalized.endsWith(field)
					&& (!isShort(field) || isWordStart(name, normalized.length() - field.length()))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isShort(String normalizedField) {
		return normalizedField.length() <= SHORT_NAME;
	}

	/** Whether the letter or digit at this index of the normalized name starts a word of the original name. */
	private static boolean isWordStart(String name, int normalizedIndex) {
		int seen = 0;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!isNameCharacter(c)) {
				continue;
			}
			if (seen++ == normalizedIndex) {
				if (i == 0) {
					return true;
				}
				char previous = name.charAt(i - 1);
				char next = (i + 1 < name.length()) ? name.charAt(i + 1) : ' ';
				return !isNameCharacter(previous)
						|| (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous)))
						|| (Character.isUpperCase(c) && Character.isUpperCase(previous) && Character.isLowerCase(next))
						|| (Character.isLetter(c) && Character.isDigit(previous));
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
		if (!this.acrossLineBreaks.isEmpty() && (result.indexOf('\n') >= 0 || result.indexOf('\r') >= 0)) {
			result = maskAcrossLineBreaks(result);
		}
		return result;
	}

	/**
	 * Masks e-mail addresses, card numbers and JWTs that a line break splits ({@code jane.doe@exam\nple.com}):
	 * matches in the text without its line breaks that span one are replaced in the original, breaks included.
	 */
	private String maskAcrossLineBreaks(String value) {
		StringBuilder joined = new StringBuilder(value.length());
		int[] origin = new int[value.length()];
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '\n' && c != '\r') {
				origin[joined.length()] = i;
				joined.append(c);
			}
		}
		String text = joined.toString();
		boolean[] masked = null;
		for (Rule rule : this.acrossLineBreaks) {
			if (!rule.mayMatch().test(text)) {
				continue;
			}
			Matcher matcher = rule.pattern().matcher(text);
			while (matcher.find()) {
				int start = origin[matcher.start()];
				int end = origin[matcher.end() - 1] + 1;
				if (end - start != matcher.end() - matcher.start()
						&& (rule.confirm() == null || rule.confirm().test(matcher.group()))) {
					masked = (masked != null) ? masked : new boolean[value.length()];
					Arrays.fill(masked, start, end, true);
				}
			}
		}
		if (masked == null) {
			return value;
		}
		StringBuilder result = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			if (!masked[i]) {
				result.append(value.charAt(i));
			}
			else if (i == 0 || !masked[i - 1]) {
				result.append(this.replacement);
			}
		}
		return result.toString();
	}

	/** Text that replaces masked values. */
	public String replacement() {
		return this.replacement;
	}

	static String normalize(String name) {
		StringBuilder builder = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (isNameCharacter(c)) {
				builder.append(Character.toLowerCase(c));
			}
		}
		return builder.toString();
	}

	/**
	 * Whether a character counts in a field name: an ASCII letter or digit, as in {@code WORD_START}; anything else
	 * ({@code -_.}, non-ASCII letters) separates words.
	 */
	private static boolean isNameCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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

	/**
	 * The most digits in one run of digits separated by at most one space or dash each, the only form
	 * {@code CARD_NUMBER} matches: below 13 it cannot match.
	 */
	static int longestDigitRun(String s) {
		int longest = 0;
		int run = 0;
		boolean separator = false;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				run++;
				separator = false;
				longest = Math.max(longest, run);
			}
			else if ((c == ' ' || c == '-') && run > 0 && !separator) {
				separator = true;
			}
			else {
				run = 0;
				separator = false;
			}
		}
		return longest;
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
