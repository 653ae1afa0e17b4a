package dev.observability.autoconfigure.propagation;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tomcat: removes the ids {@link UnhandledErrorIdsFilter} restored once the request is destroyed, which Tomcat
 * does on the request's thread after its {@code StandardWrapperValve} has logged the exception (and after the
 * error page was rendered). Not for Jetty, which destroys the request before it logs.
 */
public class UnhandledErrorIdsRequestListener implements ServletRequestListener {

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		UnhandledErrorIds.clear();
	}

	/** Registers the listener with every servlet context a Tomcat factory creates. */
	public static class TomcatCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addInitializers((servletContext) -> servletContext.addListener(new UnhandledErrorIdsRequestListener()));
		}

	}

}
