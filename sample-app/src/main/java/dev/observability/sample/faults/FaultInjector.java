package dev.observability.sample.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the current faults to requests under their path prefix: first the extra latency, then, for the
 * error-rate share of requests, an {@link InjectedFaultException} that the API answers with HTTP 500. It runs
 * as a handler interceptor, after the handler is chosen, so the failures carry the route's {@code uri} tag
 * in {@code http.server.requests} exactly like real ones. Faults are swapped atomically at runtime.
 */
@Component
public class FaultInjector implements HandlerInterceptor {

	private final FaultProperties properties;

	private final AtomicReference<Faults> faults;

	FaultInjector(FaultProperties properties) {
		this.properties = properties;
		this.faults = new AtomicReference<>(fromProperties());
	}

	/** Returns the faults in force. */
	public Faults current() {
		return this.faults.get();
	}

	/** Puts new faults in force for every following request. */
	public void apply(Faults faults) {
		this.faults.set(faults);
	}

	/** Puts the start-up faults ({@code sample.faults.*}) back in force and returns them. */
	public Faults reset() {
		Faults initial = fromProperties();
		this.faults.set(initial);
		return initial;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws InterruptedException {
		Faults current = this.faults.get();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!current.appliesTo(path)) {
			return true;
		}
		if (!current.extraLatency().isZero()) {
			Thread.sleep(current.extraLatency().toMillis());
		}
		if (current.errorRate() > 0.0 && ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
			throw new InjectedFaultException(path);
		}
		return true;
	}

	private Faults fromProperties() {
		return new Faults(this.properties.getErrorRate(), this.properties.getExtraLatency(),
				this.properties.getPathPrefix());
	}

}
