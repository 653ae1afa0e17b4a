package dev.observability.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application started by {@link WebStack}: its base URL, a plain JDK HTTP client pointed at it and the JSON
 * log lines written since it started. Closing it stops the application.
 */
public final class RunningApp implements AutoCloseable {

	private final WebStack stack;

	private final ConfigurableApplicationContext context;

	private final JsonLogCapture logs;

	/** HTTP/1.1, as the servers are plain HTTP/1.1 (no {@code h2c} upgrade attempts). */
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	RunningApp(WebStack stack, ConfigurableApplicationContext context) {
		this.stack = stack;
		this.context = context;
		this.logs = JsonLogCapture.attach();
	}

	/** The stack the application runs on. */
	public WebStack stack() {
		return this.stack;
	}

	/** The application context. */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** The local port of the server. */
	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/** {@code http://127.0.0.1:<port>}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/** Every log event of the application since start-up, as the starter's JSON encoder writes it. */
	public JsonLogCapture logs() {
		return this.logs;
	}

	/** A bean of the application. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** A request builder for a path of the application. */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
	}

	/** GET with the given header names and values, in pairs. */
	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = request(path);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.GET().build());
	}

	/**
	 * Sends a request and reads the body as a string. A GET that gets no answer within its timeout is sent once
	 * more: on this machine the JDK client and Reactor Netty leave about 1 request in 60 unanswered, with the
	 * starter switched off too ({@code observability.enabled=false}), which is not what these tests are about.
	 */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			try {
				return this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (HttpTimeoutException ex) {
				if (!"GET".equals(request.method())) {
					throw ex;
				}
				return this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.logs.close();
		this.context.close();
	}

	@Override
	public String toString() {
		return this.stack + " " + baseUrl();
	}

}
