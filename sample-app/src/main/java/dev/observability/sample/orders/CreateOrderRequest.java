package dev.observability.sample.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A checkout: what the customer buys, through which channel, and how they pay. Channel, payment method and
 * currency are closed sets, which keeps the business meters' tag values bounded.
 *
 * @param customerId the customer's id
 * @param channel {@code web}, {@code mobile} or {@code partner}
 * @param paymentMethod {@code card}, {@code paypal} or {@code invoice}
 * @param currency {@code EUR}, {@code USD} or {@code GBP}
 * @param items the products and quantities (1 to 20 lines)
 */
public record CreateOrderRequest(@NotBlank @Size(max = 64) String customerId,
		@NotNull @Pattern(regexp = "web|mobile|partner", message = "must be one of web, mobile, partner") String channel,
		@NotNull @Pattern(regexp = "card|paypal|invoice",
				message = "must be one of card, paypal, invoice") String paymentMethod,
		@NotNull @Pattern(regexp = "EUR|USD|GBP", message = "must be one of EUR, USD, GBP") String currency,
		@NotEmpty @Size(max = 20) List<@Valid @NotNull Item> items) {

	/**
	 * One line of the checkout.
	 *
	 * @param sku the product's SKU
	 * @param quantity how many (1 to 99)
	 */
	public record Item(@NotBlank @Size(max = 32) String sku, @Min(1) @Max(99) int quantity) {

	}

}
