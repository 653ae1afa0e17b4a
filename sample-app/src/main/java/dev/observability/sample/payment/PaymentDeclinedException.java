package dev.observability.sample.payment;

/**
 * Thrown when the payment provider declines a charge (the customer's problem, not the service's).
 */
public class PaymentDeclinedException extends RuntimeException {

	private final String reason;

	public PaymentDeclinedException(String reason) {
		super("Payment declined: " + reason);
		this.reason = reason;
	}

	public String getReason() {
		return this.reason;
	}

}
