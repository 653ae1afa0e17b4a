package dev.observability.sample.payment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for an external payment provider, served by this application so the sample runs alone. It
 * answers after {@code sample.payment.latency} (with jitter and a slow tail), declines a share of charges
 * with 402 and fails another share with 503.
 */
@RestController
@RequestMapping("/simulated-payments")
class SimulatedPaymentProvider {

	private static final List<String> DECLINE_REASONS = List.of("insufficient_funds", "card_expired",
			"suspected_fraud");

	private final PaymentProperties properties;

	SimulatedPaymentProvider(PaymentProperties properties) {
		this.properties = properties;
	}

	@PostMapping("/charges")
	ResponseEntity<ChargeResponse> charge(@RequestBody ChargeRequest request) throws InterruptedException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Thread.sleep(latency(random).toMillis());
		double roll = random.nextDouble();
		if (roll < this.properties.getFailureRate()) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(new ChargeResponse(null, "error", "acquirer_unavailable"));
		}
		if (roll < this.properties.getFailureRate() + this.properties.getDeclineRate()) {
			String reason = DECLINE_REASONS.get(random.nextInt(DECLINE_REASONS.size()));
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(new ChargeResponse(null, "declined", reason));
		}
		return ResponseEntity.ok(new ChargeResponse("ch_" + UUID.randomUUID(), "captured", null));
	}

	private Duration latency(ThreadLocalRandom random) {
		long typicalMillis = this.properties.getLatency().toMillis();
		double factor = (random.nextDouble() < 0.02) ? 3.0 : 0.5 + random.nextDouble();
		return Duration.ofMillis(Math.round(typicalMillis * factor));
	}

}
