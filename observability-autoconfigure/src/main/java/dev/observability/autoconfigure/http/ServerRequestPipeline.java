package dev.observability.autoconfigure.http;

import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The starter's one request pipeline: an {@link ObservationHandler} on Spring's server request observation
 * (servlet and reactive), so the exclusion decision is the observation predicate's and nothing matches paths
 * again. On start it creates the {@link ServerExchange} (one clock reading) and calls every
 * {@link ServerRequestListener}; while the observation is in scope it holds the exchange's MDC entries; on stop
 * it completes the exchange (second clock reading, status sent, abort) and calls the listeners again.
 * <p>
 * Spring Boot registers handlers that are neither tracing nor meter handlers after those, and Micrometer calls
 * stop handlers in reverse order: the span exists when this handler starts, and what it adds on stop (span
 * attributes, a corrected {@code status}) is seen by the tracing and meter handlers.
 * @param <C> the stack's observation context type
 */
public abstract class ServerRequestPipeline<C extends Observation.Context> implements ObservationHandler<C> {

	static final String MDC_TRACE_ID = "traceId";

	static final String MDC_SPAN_ID = "spanId";

	private final ObjectProvider<ServerRequestListener> listenerProvider;

	private volatile ServerRequestListener[] listeners;

	protected ServerRequestPipeline(ObjectProvider<ServerRequestListener> listeners) {
		this.listenerProvider = listeners;
	}

	/** The exchange adapter of the stack, created when the observation starts. */
	protected abstract ServerExchange exchange(C context, long startNanos);

	@Override
	public void onStart(C context) {
		ServerExchange exchange = exchange(context, System.nanoTime());
		context.put(ServerExchange.class, exchange);
		for (ServerRequestListener listener : listeners()) {
			listener.onStart(exchange);
		}
	}

	@Override
	public void onScopeOpened(C context) {
		ServerExchange exchange = ServerExchange.of(context);
		if (exchange != null) {
			String[] entries = exchange.mdcEntries();
			for (int i = 0; i < exchange.mdcSize(); i += 2) {
				MDC.put(entries[i], entries[i + 1]);
			}
		}
	}

	@Override
	public void onScopeClosed(C context) {
		removeMdc(ServerExchange.of(context));
	}

	@Override
	public void onScopeReset(C context) {
		removeMdc(ServerExchange.of(context));
	}

	private static void removeMdc(ServerExchange exchange) {
		if (exchange != null) {
			String[] entries = exchange.mdcEntries();
			for (int i = 0; i < exchange.mdcSize(); i += 2) {
				MDC.remove(entries[i]);
			}
		}
	}

	@Override
	public void onStop(C context) {
		ServerExchange exchange = ServerExchange.of(context);
		if (exchange == null) {
			return;
		}
		exchange.complete(System.nanoTime());
		correctStatus(context, exchange);
		// the observation's scope is closed by now on Spring MVC: the listeners' log lines get the request's ids
		String[] entries = exchange.mdcEntries();
		int size = exchange.mdcSize();
		long put = 0;
		for (int i = 0; i < size && i < 128; i += 2) {
			if (MDC.get(entries[i]) == null) {
				MDC.put(entries[i], entries[i + 1]);
				put |= 1L << (i / 2);
			}
		}
		boolean traceIds = exchange.traceId() != null && MDC.get(MDC_TRACE_ID) == null;
		if (traceIds) {
			MDC.put(MDC_TRACE_ID, exchange.traceId());
			MDC.put(MDC_SPAN_ID, exchange.spanId());
		}
		try {
			for (ServerRequestListener listener : listeners()) {
				listener.onComplete(exchange);
			}
		}
		finally {
			if (traceIds) {
				MDC.remove(MDC_TRACE_ID);
				MDC.remove(MDC_SPAN_ID);
			}
			for (int i = 0; put != 0 && i < size && i < 128; i += 2) {
				if ((put & (1L << (i / 2))) != 0) {
					MDC.remove(entries[i]);
				}
			}
		}
	}

	/**
	 * When the container answers an exception with a 4xx that Spring recorded as 500, Spring's
	 * {@code http.server.requests} tags say what the client received.
	 */
	private static void correctStatus(Observation.Context context, ServerExchange exchange) {
		if (exchange.aborted() || exchange.status() == exchange.observedStatus() || exchange.status() <= 0) {
			return;
		}
		int status = exchange.status();
		context.addLowCardinalityKeyValue(KeyValue.of("status", Integer.toString(status)));
		context.addLowCardinalityKeyValue(KeyValue.of("outcome", outcome(status)));
	}

	static String outcome(int status) {
		if (status >= 100 && status < 200) {
			return "INFORMATIONAL";
		}
		if (status >= 200 && status < 300) {
			return "SUCCESS";
		}
		if (status >= 300 && status < 400) {
			return "REDIRECTION";
		}
		if (status >= 400 && status < 500) {
			return "CLIENT_ERROR";
		}
		if (status >= 500 && status < 600) {
			return "SERVER_ERROR";
		}
		return "UNKNOWN";
	}

	private ServerRequestListener[] listeners() {
		ServerRequestListener[] resolved = this.listeners;
		if (resolved == null) {
			List<ServerRequestListener> ordered = this.listenerProvider.orderedStream().toList();
			resolved = ordered.toArray(new ServerRequestListener[0]);
			this.listeners = resolved;
		}
		return resolved;
	}

}
