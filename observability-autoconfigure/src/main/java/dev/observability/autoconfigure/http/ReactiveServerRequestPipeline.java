package dev.observability.autoconfigure.http;

import io.micrometer.observation.Observation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The {@link ServerRequestPipeline} on WebFlux (Reactor Netty or any reactive server): Spring's
 * {@code HttpWebHandlerAdapter} starts the observation when the exchange is subscribed to and stops it when the
 * response is written, fails, or the client goes away before the response is written (a cancelled exchange,
 * reported as a connection abort). A reset after the body was handed to Reactor Netty is reported by Reactor
 * Netty as a completed response.
 */
public class ReactiveServerRequestPipeline extends ServerRequestPipeline<ServerRequestObservationContext> {

	public ReactiveServerRequestPipeline(ObjectProvider<ServerRequestListener> listeners) {
		super(listeners);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext reactive && reactive.getCarrier() != null;
	}

	@Override
	protected ServerExchange exchange(ServerRequestObservationContext context, long startNanos) {
		return new ReactiveExchange(context, startNanos);
	}

	private static final class ReactiveExchange extends ServerExchange {

		private final ServerRequestObservationContext context;

		private final ServerHttpRequest request;

		ReactiveExchange(ServerRequestObservationContext context, long startNanos) {
			super(context, startNanos);
			this.context = context;
			this.request = context.getCarrier();
		}

		@Override
		public String method() {
			return this.request.getMethod().name();
		}

		@Override
		public String requestHeader(String name) {
			return this.request.getHeaders().getFirst(name);
		}

		@Override
		public void setResponseHeader(String name, String value) {
			ServerHttpResponse response = this.context.getResponse();
			if (response != null && !response.isCommitted()) {
				response.getHeaders().set(name, value);
			}
		}

		@Override
		protected String pathPattern() {
			return this.context.getPathPattern();
		}

		@Override
		protected int observedStatus() {
			ServerHttpResponse response = this.context.getResponse();
			HttpStatusCode status = (response != null) ? response.getStatusCode() : null;
			return (status != null) ? status.value() : 200;
		}

		@Override
		protected boolean connectionAborted() {
			return this.context.isConnectionAborted();
		}

		@Override
		protected long contentLength() {
			ServerHttpResponse response = this.context.getResponse();
			return (response != null) ? response.getHeaders().getContentLength() : -1;
		}

	}

}
