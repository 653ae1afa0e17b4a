package dev.observability.autoconfigure.propagation;

import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ContextHandler;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Jetty: removes the ids {@link UnhandledErrorIdsFilter} restored when the request's thread leaves the servlet
 * context's scope, which is after Jetty's {@code ServletChannel} has logged the exception (Jetty destroys the
 * servlet request before it logs, so a {@code ServletRequestListener} would be too early).
 */
public class UnhandledErrorIdsJettyCustomizer implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

	@Override
	public void customize(JettyServletWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
			for (ContextHandler context : server.getDescendants(ContextHandler.class)) {
				context.addEventListener(new ClearOnExit());
			}
		});
	}

	private static final class ClearOnExit implements ContextHandler.ContextScopeListener {

		@Override
		public void exitScope(Context context, Request request) {
			UnhandledErrorIds.clear();
		}

	}

}
