package dev.observability.autoconfigure.http;

/**
 * A per-request feature fed by the {@link ServerRequestPipeline}: called when Spring's server request
 * observation starts (headers still writable) and once when it stops (route, status, error and duration
 * known). Never called for requests to excluded paths. Implementations must be fast and must not block.
 */
public interface ServerRequestListener {

	/** The request's observation started: the response is not committed yet. */
	default void onStart(ServerExchange exchange) {
	}

	/** The request's observation stopped: the exchange is complete. */
	default void onComplete(ServerExchange exchange) {
	}

}
