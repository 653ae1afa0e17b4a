package dev.observability.autoconfigure.tracing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks and generates the ids that travel from untrusted headers into responses, logs and spans: only
 * letters, digits and {@code -_.:+/=} are accepted, with a length cap, so no CR, LF, quote, brace or
 * unicode trick ever reaches a log line or a header.
 */
public final class SafeIds {

	/** Shortest accepted inbound request id. */
	public static final int MIN_REQUEST_ID_LENGTH = 8;

	/** Longest accepted inbound request id or baggage value. */
	public static final int MAX_LENGTH = 128;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private SafeIds() {
	}

	/** Whether an inbound request id may be kept as it is. */
	public static boolean isValidRequestId(String value) {
		return value != null && value.length() >= MIN_REQUEST_ID_LENGTH && isSafe(value);
	}

	/** Whether a baggage value may be copied into the MDC. */
	public static boolean isValidBaggageValue(String value) {
		return value != null && !value.isEmpty() && isSafe(value);
	}

	private static boolean isSafe(String value) {
		int length = value.length();
		if (length > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (!isSafe(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSafe(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
	}

	/** A new random request id: 16 lowercase hex characters. */
	public static String newRequestId() {
		long random = ThreadLocalRandom.current().nextLong();
		char[] chars = new char[16];
		for (int i = 15; i >= 0; i--) {
			chars[i] = HEX[(int) (random & 0xF)];
			random >>>= 4;
		}
		return new String(chars);
	}

}
