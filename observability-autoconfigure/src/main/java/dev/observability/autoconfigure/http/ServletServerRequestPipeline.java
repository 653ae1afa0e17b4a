package dev.observability.autoconfigure.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.ClassUtils;

/**
 * The {@link ServerRequestPipeline} on Spring MVC (Tomcat, Jetty, any servlet container): Spring's
 * {@code ServerHttpObservationFilter} starts and stops the observation around the filter chain.
 */
public class ServletServerRequestPipeline extends ServerRequestPipeline<ServerRequestObservationContext> {

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent(
			"org.apache.tomcat.util.http.InvalidParameterException", ServletServerRequestPipeline.class.getClassLoader());

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent("org.eclipse.jetty.http.HttpException",
			ServletServerRequestPipeline.class.getClassLoader());

	public ServletServerRequestPipeline(ObjectProvider<ServerRequestListener> listeners) {
		super(listeners);
	}

	@Override
	public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
		return context instanceof ServerRequestObservationContext servlet && servlet.getCarrier() != null;
	}

	@Override
	protected ServerExchange exchange(ServerRequestObservationContext context, long startNanos) {
		return new ServletExchange(context, startNanos);
	}

	/**
	 * The status a servlet container sends for an exception that left the filter chain: its own "bad request"
	 * exceptions carry a 4xx; anything else is a 500.
	 */
	static int containerStatus(Throwable error) {
		Throwable candidate = error;
		for (int depth = 0; candidate != null && depth < 5; depth++) {
			if (TOMCAT_PRESENT) {
				int status = TomcatErrors.status(candidate);
				if (status > 0) {
					return status;
				}
			}
			if (JETTY_PRESENT) {
				int status = JettyErrors.status(candidate);
				if (status > 0) {
					return status;
				}
			}
			candidate = (candidate instanceof ServletException servlet && servlet.getRootCause() != null)
					? servlet.getRootCause() : candidate.getCause();
		}
		return 0;
	}

	private static final class ServletExchange extends ServerExchange {

		private final HttpServletRequest request;

		private final ServerRequestObservationContext context;

		ServletExchange(ServerRequestObservationContext context, long startNanos) {
			super(context, startNanos);
			this.context = context;
			this.request = context.getCarrier();
		}

		@Override
		public String method() {
			return this.request.getMethod();
		}

		@Override
		public String requestHeader(String name) {
			return this.request.getHeader(name);
		}

		@Override
		public void setResponseHeader(String name, String value) {
			HttpServletResponse response = this.context.getResponse();
			if (response != null) {
				response.setHeader(name, value);
			}
		}

		@Override
		protected String pathPattern() {
			return this.context.getPathPattern();
		}

		@Override
		protected int observedStatus() {
			HttpServletResponse response = this.context.getResponse();
			return (response != null) ? response.getStatus() : 0;
		}

		@Override
		protected boolean connectionAborted() {
			return false;
		}

		@Override
		protected int containerStatus(Throwable error) {
			return ServletServerRequestPipeline.containerStatus(error);
		}

		@Override
		protected long contentLength() {
			HttpServletResponse response = this.context.getResponse();
			String length = (response != null) ? response.getHeader("Content-Length") : null;
			return parseLength(length);
		}

	}

	static long parseLength(String length) {
		if (length == null || length.isEmpty()) {
			return -1;
		}
		try {
			return Long.parseLong(length);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Tomcat answers a malformed query or form ({@code InvalidParameterException}) with its error code (400). */
	private static final class TomcatErrors {

		static int status(Throwable error) {
			if (error instanceof org.apache.tomcat.util.http.InvalidParameterException invalid) {
				return invalid.getErrorCode();
			}
			if (error instanceof org.apache.coyote.BadRequestException) {
				return 400;
			}
			return 0;
		}

	}

	/** Jetty answers its {@code HttpException}s (a bad message, an invalid query) with their code. */
	private static final class JettyErrors {

		static int status(Throwable error) {
			return (error instanceof org.eclipse.jetty.http.HttpException http) ? http.getCode() : 0;
		}

	}

}
