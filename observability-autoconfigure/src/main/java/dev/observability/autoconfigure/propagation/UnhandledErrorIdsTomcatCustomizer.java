package dev.observability.autoconfigure.propagation;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tomcat: removes the ids {@link UnhandledErrorIdsFilter} restored when the request leaves Tomcat's engine
 * pipeline, which is after its {@code StandardWrapperValve} has logged the exception, the error page was rendered
 * and the request was destroyed.
 * <p>
 * An engine valve rather than a {@code ServletRequestListener}: any application event listener makes Tomcat
 * allocate a {@code ServletRequestAttributeEvent} (and copy its listener list) for every request attribute Spring
 * sets or removes, a few dozen per request, on every request; the valve is one call.
 */
public class UnhandledErrorIdsTomcatCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new ClearOnExit());
	}

	static final class ClearOnExit extends ValveBase {

		ClearOnExit() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			try {
				getNext().invoke(request, response);
			}
			finally {
				UnhandledErrorIds.clear();
			}
		}

	}

}
