package dev.observability.sample.faults;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Faults injected from start-up; an operator changes them at runtime with {@code PUT /admin/faults}.
 */
@ConfigurationProperties("sample.faults")
public class FaultProperties {

	/** Ratio (0 to 1) of requests under the path prefix that fail with HTTP 500. */
	private double errorRate = 0.0;

	/** Latency added to every request under the path prefix. */
	private Duration extraLatency = Duration.ZERO;

	/** Path prefix of the requests that faults apply to. */
	private String pathPrefix = "/api";

	/** Ratio (0 to 1) of fulfilment attempts of an order-placed event that fail (each retry draws again). */
	private double fulfilmentErrorRate = 0.0;

	public double getFulfilmentErrorRate() {
		return this.fulfilmentErrorRate;
	}

	public void setFulfilmentErrorRate(double fulfilmentErrorRate) {
		this.fulfilmentErrorRate = fulfilmentErrorRate;
	}

	public double getErrorRate() {
		return this.errorRate;
	}

	public void setErrorRate(double errorRate) {
		this.errorRate = errorRate;
	}

	public Duration getExtraLatency() {
		return this.extraLatency;
	}

	public void setExtraLatency(Duration extraLatency) {
		this.extraLatency = extraLatency;
	}

	public String getPathPrefix() {
		return this.pathPrefix;
	}

	public void setPathPrefix(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

}
