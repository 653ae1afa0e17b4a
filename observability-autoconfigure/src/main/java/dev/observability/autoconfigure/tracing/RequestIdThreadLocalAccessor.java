package dev.observability.autoconfigure.tracing;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Carries the request id (the SLF4J MDC entry {@code request_id}) through Micrometer's context propagation, the
 * mechanism that carries the trace context: Reactor operators (with
 * {@code spring.reactor.context-propagation=auto}), executors decorated with {@code ContextPropagatingTaskDecorator}
 * ({@code @Async}, the auto-configured task executor) and {@code ContextSnapshot}s restore it on the thread that
 * runs the work. Registered through {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so the
 * global {@code ContextRegistry} knows it.
 */
public final class RequestIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

	/** The accessor's key, the MDC key and the Reactor context key of the request id. */
	public static final String KEY = "request_id";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public String getValue() {
		return MDC.get(KEY);
	}

	@Override
	public void setValue(String value) {
		MDC.put(KEY, value);
	}

	@Override
	public void setValue() {
		MDC.remove(KEY);
	}

}
