package dev.observability.sample.faults;

/**
 * Thrown when an operator asks for faults that make no sense (a negative error rate, say).
 */
public class InvalidFaultsException extends IllegalArgumentException {

	public InvalidFaultsException(String field, Object value, String allowed) {
		super("Invalid " + field + " '" + value + "': must be " + allowed);
	}

}
