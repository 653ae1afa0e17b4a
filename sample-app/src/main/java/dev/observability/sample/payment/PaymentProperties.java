package dev.observability.sample.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the payment provider the service charges, and of the simulated provider it runs in-process.
 */
@ConfigurationProperties("sample.payment")
public class PaymentProperties {

	/**
	 * Base URL of the payment provider; empty to use the simulated provider of this application on its local
	 * port.
	 */
	private String baseUrl = "";

	/** Typical latency of the simulated provider; calls take 0.5 to 1.5 times this, 2% of them 3 times. */
	private Duration latency = Duration.ofMillis(60);

	/** Ratio (0 to 1) of simulated charges failing with a provider error (HTTP 503). */
	private double failureRate = 0.002;

	/** Ratio (0 to 1) of simulated charges the provider declines (HTTP 402). */
	private double declineRate = 0.002;

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getLatency() {
		return this.latency;
	}

	public void setLatency(Duration latency) {
		this.latency = latency;
	}

	public double getFailureRate() {
		return this.failureRate;
	}

	public void setFailureRate(double failureRate) {
		this.failureRate = failureRate;
	}

	public double getDeclineRate() {
		return this.declineRate;
	}

	public void setDeclineRate(double declineRate) {
		this.declineRate = declineRate;
	}

}
