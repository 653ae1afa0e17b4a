package dev.observability.autoconfigure.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code error.type} (class name), {@code error.message} and {@code error.stack_trace} with the
 * frames per throwable and the total length capped.
 */
class ErrorJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

	private final ShortenedThrowableConverter converter = new ShortenedThrowableConverter();

	ErrorJsonProvider(int maxDepth, int maxLength) {
		this.converter.setMaxDepthPerThrowable(maxDepth);
		this.converter.setMaxLength(maxLength);
		this.converter.setRootCauseFirst(false);
		this.converter.setLineSeparator("\n");
	}

	@Override
	public void start() {
		this.converter.start();
		super.start();
	}

	@Override
	public void stop() {
		this.converter.stop();
		super.stop();
	}

	@Override
	public void writeTo(JsonGenerator generator, ILoggingEvent event) {
		IThrowableProxy throwable = event.getThrowableProxy();
		if (throwable == null) {
			return;
		}
		generator.writeStringProperty("error.type", throwable.getClassName());
		if (throwable.getMessage() != null) {
			generator.writeStringProperty("error.message", throwable.getMessage());
		}
		generator.writeStringProperty("error.stack_trace", this.converter.convert(event));
	}

}
