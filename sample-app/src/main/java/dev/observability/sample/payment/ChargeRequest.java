package dev.observability.sample.payment;

/**
 * A charge sent to the payment provider.
 *
 * @param reference the merchant's reference of the charge (one per checkout)
 * @param amountCents the amount in minor units
 * @param currency the ISO 4217 currency code
 * @param method the payment method ({@code card}, {@code paypal}, {@code invoice})
 */
public record ChargeRequest(String reference, long amountCents, String currency, String method) {

}
