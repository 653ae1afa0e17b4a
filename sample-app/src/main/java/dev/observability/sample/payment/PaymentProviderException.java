package dev.observability.sample.payment;

/**
 * Thrown when the payment provider cannot be reached or fails to answer a charge.
 */
public class PaymentProviderException extends RuntimeException {

	public PaymentProviderException(String message, Throwable cause) {
		super(message, cause);
	}

}
