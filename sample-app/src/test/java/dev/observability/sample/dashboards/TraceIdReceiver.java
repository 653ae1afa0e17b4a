package dev.observability.sample.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * A minimal OTLP/HTTP trace receiver on 127.0.0.1 that decodes the real protobuf payload and remembers the
 * trace ids it received. Minimal on purpose: the end-to-end dashboard test only needs to know which traces
 * arrived (the tracing tests own the full span assertions).
 */
final class TraceIdReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Set<String> traceIds = ConcurrentHashMap.newKeySet();

	private TraceIdReceiver(HttpServer server) {
		this.server = server;
	}

	static TraceIdReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			TraceIdReceiver receiver = new TraceIdReceiver(server);
			server.createContext("/v1/traces", receiver::handle);
			server.setExecutor(Executors.newSingleThreadExecutor());
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String tracesUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	Set<String> traceIds() {
		return Set.copyOf(this.traceIds);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			request.getResourceSpansList()
				.forEach(resource -> resource.getScopeSpansList()
					.forEach(scope -> scope.getSpansList()
						.forEach(span -> this.traceIds.add(HexFormat.of().formatHex(span.getTraceId().toByteArray())))));
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			exchange.getResponseBody().write(response);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
