package dev.observability.autoconfigure.http;

import java.io.IOException;

import io.micrometer.observation.Observation;

import org.springframework.web.util.DisconnectedClientHelper;

/**
 * One observed server request as the starter's features see it, the same on Spring MVC and WebFlux. Created
 * by the {@link ServerRequestPipeline} when Spring's server request observation starts (a request to an
 * excluded path has no observation, hence no exchange) and stored in the observation's context; completed once
 * when the observation stops, so every feature reads the same route, status, error and duration.
 * <p>
 * {@link #status()} is the status the client was sent, which can differ from the one Spring's observation
 * holds: an exception the container answers with a 4xx (Tomcat's {@code InvalidParameterException} for a
 * malformed query, Jetty's {@code HttpException}s) is recorded by Spring as 500. A request whose client went
 * away before the response was written is {@link #aborted()}.
 */
public abstract class ServerExchange {

	private static final String[] NO_ENTRIES = new String[0];

	private final Observation.Context context;

	private final long startNanos;

	private String requestId;

	private String traceId;

	private String spanId;

	/** MDC entries as key, value pairs, {@link #mdcSize} of them used. */
	private String[] mdc = NO_ENTRIES;

	private int mdcSize;

	private long durationNanos = -1;

	private int status;

	private boolean aborted;

	private Throwable error;

	private String route;

	private long bytes = -1;

	private boolean clientGone;

	protected ServerExchange(Observation.Context context, long startNanos) {
		this.context = context;
		this.startNanos = startNanos;
	}

	/** The exchange of an observation context, null when the starter's pipeline did not see it start. */
	public static ServerExchange of(Observation.Context context) {
		return (context != null) ? context.get(ServerExchange.class) : null;
	}

	/** The server request observation's context (Spring's servlet or reactive {@code ServerRequestObservationContext}). */
	public Observation.Context context() {
		return this.context;
	}

	/** The request method. */
	public abstract String method();

	/** The first value of a request header, null when absent. */
	public abstract String requestHeader(String name);

	/** Sets a response header; called when the observation starts, before the response can be committed. */
	public abstract void setResponseHeader(String name, String value);

	/** The route template Spring matched, null when none (yet). */
	protected abstract String pathPattern();

	/** The status Spring's observation holds, 0 when none. */
	protected abstract int observedStatus();

	/** Whether the server saw the connection go away (WebFlux reports it on the context). */
	protected abstract boolean connectionAborted();

	/** The status the container sends for an exception that left the application, 0 when not known. */
	protected int containerStatus(Throwable error) {
		return 0;
	}

	/** The request id (validated or generated), null when request ids are off. */
	public String requestId() {
		return this.requestId;
	}

	public void setRequestId(String requestId) {
		this.requestId = requestId;
	}

	/** The trace id of the server span, null without tracing. */
	public String traceId() {
		return this.traceId;
	}

	/** The span id of the server span, null without tracing. */
	public String spanId() {
		return this.spanId;
	}

	public void setTraceIds(String traceId, String spanId) {
		this.traceId = traceId;
		this.spanId = spanId;
	}

	/**
	 * Puts an entry in the SLF4J MDC of every thread the request's observation is in scope on (the request
	 * thread on Spring MVC, every operator with Reactor context propagation on WebFlux).
	 */
	public void putMdc(String key, String value) {
		if (this.mdcSize + 2 > this.mdc.length) {
			String[] grown = new String[Math.max(4, this.mdc.length * 2)];
			System.arraycopy(this.mdc, 0, grown, 0, this.mdcSize);
			this.mdc = grown;
		}
		this.mdc[this.mdcSize++] = key;
		this.mdc[this.mdcSize++] = value;
	}

	String[] mdcEntries() {
		return this.mdc;
	}

	int mdcSize() {
		return this.mdcSize;
	}

	/** Body bytes written, -1 when not known. */
	public long bytes() {
		return this.bytes;
	}

	public void setBytes(long bytes) {
		this.bytes = bytes;
	}

	/** Records that writing the response failed because the client went away (stack adapters). */
	public void markClientGone() {
		this.clientGone = true;
	}

	/** Records the outcome once, when the observation stops. */
	void complete(long stopNanos) {
		this.durationNanos = stopNanos - this.startNanos;
		this.route = pathPattern();
		this.error = this.context.getError();
		int observed = observedStatus();
		this.aborted = this.clientGone || connectionAborted() || isClientGone(this.error, observed);
		int sent = (this.error != null && !this.aborted) ? containerStatus(this.error) : 0;
		this.status = (sent > 0) ? sent : observed;
		if (this.bytes < 0) {
			this.bytes = contentLength();
		}
	}

	/** The response's declared length, -1 when not known. */
	protected long contentLength() {
		return -1;
	}

	private static boolean isClientGone(Throwable error, int status) {
		if (error == null) {
			return false;
		}
		if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
			return true;
		}
		// an I/O failure on a response that was not an error: writing it to the client failed
		return error instanceof IOException && status > 0 && status < 400;
	}

	/** The observation's duration in nanoseconds, the one clock of the starter's request features. */
	public long durationNanos() {
		return this.durationNanos;
	}

	/** The status the client was sent (or was being sent when it went away). */
	public int status() {
		return this.status;
	}

	/** Whether the client went away before the response was complete. */
	public boolean aborted() {
		return this.aborted;
	}

	/** The exception the request ended with, null when none. */
	public Throwable error() {
		return this.error;
	}

	/** The route template, null when none matched. */
	public String route() {
		return this.route;
	}

	/** Whether the request ended as a server error: 5xx, or an exception that left no 4xx answer (not a client abort). */
	public boolean isServerError() {
		if (this.aborted) {
			return false;
		}
		if (this.status >= 500) {
			return true;
		}
		return this.error != null && (this.status < 400 || this.status >= 600);
	}

}
