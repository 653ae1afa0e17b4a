package dev.observability.autoconfigure.tracing;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * WebFlux counterpart of {@link InboundTraceRestartFilter}: decorates the server's {@link HttpHandler}, outside
 * Spring's {@code HttpWebHandlerAdapter} that starts the observation, so the inbound trace context
 * ({@code traceparent}, {@code tracestate}, {@code baggage}, B3) is never extracted.
 */
public class ReactiveInboundTraceRestart implements HttpHandlerDecoratorFactory {

	@Override
	public HttpHandler apply(HttpHandler handler) {
		return new UntracedHandler(handler);
	}

	private static final class UntracedHandler implements HttpHandler {

		private final HttpHandler delegate;

		UntracedHandler(HttpHandler delegate) {
			this.delegate = delegate;
		}

		@Override
		public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
			HttpHeaders headers = request.getHeaders();
			boolean traced = false;
			for (String name : InboundTraceHeaders.NAMES) {
				if (headers.containsHeader(name)) {
					traced = true;
					break;
				}
			}
			if (!traced) {
				return this.delegate.handle(request, response);
			}
			ServerHttpRequest untraced = request.mutate().headers(UntracedHandler::removeTraceContext).build();
			return this.delegate.handle(untraced, response);
		}

		private static void removeTraceContext(HttpHeaders headers) {
			for (String name : InboundTraceHeaders.NAMES) {
				headers.remove(name);
			}
		}

	}

}
