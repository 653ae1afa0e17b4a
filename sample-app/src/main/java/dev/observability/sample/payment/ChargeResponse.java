package dev.observability.sample.payment;

/**
 * The payment provider's answer to a charge.
 *
 * @param chargeId the provider's id of the charge
 * @param status {@code captured}, {@code declined} or {@code error}
 * @param reason why the charge was not captured, {@code null} when it was
 */
public record ChargeResponse(String chargeId, String status, String reason) {

}
