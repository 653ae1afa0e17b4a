package dev.observability.autoconfigure.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code service.name}, {@code service.version} and {@code deployment.environment} when known.
 */
class ServiceJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

	private final ServiceIdentity identity;

	ServiceJsonProvider(ServiceIdentity identity) {
		this.identity = identity;
	}

	@Override
	public void writeTo(JsonGenerator generator, ILoggingEvent event) {
		write(generator, "service.name", this.identity.name());
		write(generator, "service.version", this.identity.version());
		write(generator, "deployment.environment", this.identity.environment());
	}

	private static void write(JsonGenerator generator, String name, String value) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

}
