package dev.observability.sample.traffic;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the built-in traffic generator, which calls the service's own API so a freshly started
 * application shows lively data.
 */
@ConfigurationProperties("sample.traffic")
public class TrafficProperties {

	/** Whether the traffic generator starts with the application. */
	private boolean enabled = false;

	/** Requests per second the generator sends (at most 200). */
	private double rate = 5.0;

	/** Most requests the generator has in flight at once; ticks beyond it are skipped. */
	private int maxInFlight = 32;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getRate() {
		return this.rate;
	}

	public void setRate(double rate) {
		this.rate = rate;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

}
