package dev.observability.autoconfigure;

/**
 * Thrown at start-up when an {@code observability.*} property has a value the starter cannot use. The
 * message names the key, the value and what is allowed; {@link InvalidPropertyFailureAnalyzer} turns it
 * into Spring Boot's start-up failure report.
 */
public class InvalidPropertyException extends RuntimeException {

	private final String key;

	private final Object value;

	private final String allowed;

	public InvalidPropertyException(String key, Object value, String allowed) {
		super("Invalid value '" + value + "' for property '" + key + "': " + allowed);
		this.key = key;
		this.value = value;
		this.allowed = allowed;
	}

	public String getKey() {
		return this.key;
	}

	public Object getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}
