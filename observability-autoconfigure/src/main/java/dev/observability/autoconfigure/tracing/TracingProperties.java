package dev.observability.autoconfigure.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.observability.autoconfigure.InvalidPropertyException;
import dev.observability.autoconfigure.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracing headers, request ids, inbound trust and baggage-to-MDC settings of the observability starter.
 */
@ConfigurationProperties("observability.tracing")
public class TracingProperties implements InitializingBean {

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

	private static final Pattern MDC_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/**
	 * Whether traced responses carry the trace id header and the W3C traceresponse header.
	 */
	private boolean responseHeaders = true;

	/**
	 * Name of the response header carrying the trace id.
	 */
	private String traceIdHeader = "X-Trace-Id";

	/**
	 * Whether traced responses carry the W3C traceresponse header (00-trace-id-span-id-flags).
	 */
	private boolean traceResponseHeader = true;

	/**
	 * Maximum time spent exporting the spans still queued at shutdown; the rest are dropped so an unreachable
	 * collector cannot hold the JVM.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(3);

	private final RequestId requestId = new RequestId();

	private final Inbound inbound = new Inbound();

	private final Baggage baggage = new Baggage();

	public boolean isResponseHeaders() {
		return this.responseHeaders;
	}

	public void setResponseHeaders(boolean responseHeaders) {
		this.responseHeaders = responseHeaders;
	}

	public String getTraceIdHeader() {
		return this.traceIdHeader;
	}

	public void setTraceIdHeader(String traceIdHeader) {
		this.traceIdHeader = traceIdHeader;
	}

	public boolean isTraceResponseHeader() {
		return this.traceResponseHeader;
	}

	public void setTraceResponseHeader(boolean traceResponseHeader) {
		this.traceResponseHeader = traceResponseHeader;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public RequestId getRequestId() {
		return this.requestId;
	}

	public Inbound getInbound() {
		return this.inbound;
	}

	public Baggage getBaggage() {
		return this.baggage;
	}

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.positive("observability.tracing.shutdown-timeout", this.shutdownTimeout);
		headerName("observability.tracing.trace-id-header", this.traceIdHeader);
		headerName("observability.tracing.request-id.header", this.requestId.header);
		for (int i = 0; i < this.baggage.mdcKeys.size(); i++) {
			String key = this.baggage.mdcKeys.get(i);
			if (key == null || !MDC_KEY.matcher(key).matches()) {
				throw new InvalidPropertyException("observability.tracing.baggage.mdc-keys[" + i + "]", key,
						"a baggage key of 1 to 64 letters, digits, '_', '.' or '-'");
			}
		}
	}

	private static void headerName(String key, String value) {
		if (value == null || !HEADER_NAME.matcher(value).matches()) {
			throw new InvalidPropertyException(key, value, "an HTTP header name (RFC 9110 token) of 1 to 64 characters");
		}
	}

	public static class RequestId {

		/**
		 * Whether requests get a request id that is echoed on the response, put in the MDC and set on the span.
		 */
		private boolean enabled = true;

		/**
		 * Name of the request and response header carrying the request id.
		 */
		private String header = "X-Request-ID";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

	}

	public static class Inbound {

		/**
		 * How inbound trace context (traceparent, tracestate, baggage, B3) is treated: continue it or restart.
		 */
		private InboundTrust trust = InboundTrust.CONTINUE;

		public InboundTrust getTrust() {
			return this.trust;
		}

		public void setTrust(InboundTrust trust) {
			this.trust = trust;
		}

	}

	public static class Baggage {

		/**
		 * Baggage keys copied into the MDC when their value is 1 to 128 letters, digits or -_.:+/=; other keys never are.
		 */
		private List<String> mdcKeys = new ArrayList<>();

		public List<String> getMdcKeys() {
			return this.mdcKeys;
		}

		public void setMdcKeys(List<String> mdcKeys) {
			this.mdcKeys = mdcKeys;
		}

	}

	/**
	 * What to do with trace context that arrives on a request.
	 */
	public enum InboundTrust {

		/**
		 * Continue the caller's trace (and its sampling decision and baggage): for internal services.
		 */
		CONTINUE,

		/**
		 * Ignore inbound trace context and baggage and start a new trace: for public edges.
		 */
		RESTART

	}

}
