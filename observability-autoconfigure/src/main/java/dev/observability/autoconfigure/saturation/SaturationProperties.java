package dev.observability.autoconfigure.saturation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the uniform {@code saturation} gauge.
 */
@ConfigurationProperties("observability.saturation")
public class SaturationProperties {

	/**
	 * Whether the saturation gauge (heap, CPU, web server, Hikari pools, task executors) is registered.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
