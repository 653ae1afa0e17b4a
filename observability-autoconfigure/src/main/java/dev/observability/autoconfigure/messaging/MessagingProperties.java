package dev.observability.autoconfigure.messaging;

import java.time.Duration;

import dev.observability.autoconfigure.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Messaging (Kafka) settings of the observability starter.
 */
@ConfigurationProperties("observability.messaging")
public class MessagingProperties implements InitializingBean {

	/**
	 * Whether records sent while a request id is known carry it in a header (named like the HTTP request id
	 * header) and listeners put it in the MDC.
	 */
	private boolean requestIdHeader = true;

	private final Lag lag = new Lag();

	public boolean isRequestIdHeader() {
		return this.requestIdHeader;
	}

	public void setRequestIdHeader(boolean requestIdHeader) {
		this.requestIdHeader = requestIdHeader;
	}

	public Lag getLag() {
		return this.lag;
	}

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.positive("observability.messaging.lag.interval", this.lag.getInterval());
	}

	public static class Lag {

		/**
		 * Whether the consumer lag of the listeners' groups is read from the broker and exported.
		 */
		private boolean enabled = true;

		/**
		 * How often the consumer lag is read from the broker.
		 */
		private Duration interval = Duration.ofSeconds(15);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

}
