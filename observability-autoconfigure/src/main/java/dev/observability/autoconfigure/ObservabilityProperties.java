package dev.observability.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Top-level switch and golden-signal settings of the observability starter.
 */
@ConfigurationProperties("observability")
public class ObservabilityProperties implements InitializingBean {

	/**
	 * Whether the observability starter is active; false leaves a plain Spring Boot application.
	 */
	private boolean enabled = true;

	private final Http http = new Http();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Http getHttp() {
		return this.http;
	}

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.positive("observability.http.apdex-threshold", this.http.apdexThreshold);
		for (int i = 0; i < this.http.sloBuckets.size(); i++) {
			PropertyChecks.positive("observability.http.slo-buckets[" + i + "]", this.http.sloBuckets.get(i));
		}
		for (int i = 0; i < this.http.excludePaths.size(); i++) {
			PropertyChecks.pathPattern("observability.http.exclude-paths[" + i + "]", this.http.excludePaths.get(i));
		}
	}

	public static class Http {

		/**
		 * Path patterns whose requests are neither timed nor traced (no observation is created).
		 */
		private List<String> excludePaths = new ArrayList<>(List.of("/actuator/**"));

		/**
		 * Apdex threshold T: requests up to T are satisfied, up to 4T tolerating; both become histogram buckets.
		 */
		private Duration apdexThreshold = Duration.ofMillis(300);

		/**
		 * Latency boundaries added as exact buckets of the http.server.requests histogram.
		 */
		private List<Duration> sloBuckets = new ArrayList<>(
				List.of(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1)));

		public List<String> getExcludePaths() {
			return this.excludePaths;
		}

		public void setExcludePaths(List<String> excludePaths) {
			this.excludePaths = excludePaths;
		}

		public Duration getApdexThreshold() {
			return this.apdexThreshold;
		}

		public void setApdexThreshold(Duration apdexThreshold) {
			this.apdexThreshold = apdexThreshold;
		}

		public List<Duration> getSloBuckets() {
			return this.sloBuckets;
		}

		public void setSloBuckets(List<Duration> sloBuckets) {
			this.sloBuckets = sloBuckets;
		}

	}

}
