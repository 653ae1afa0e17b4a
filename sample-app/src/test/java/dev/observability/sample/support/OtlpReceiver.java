package dev.observability.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A minimal OTLP/HTTP trace collector for tests: a JDK {@link HttpServer} on a free loopback port that
 * accepts {@code POST /v1/traces}, decodes the real protobuf {@link ExportTraceServiceRequest} (gzip or
 * not) and keeps every span with its resource. {@link #hanging()} gives a collector that accepts connections
 * and reads requests but never answers, until closed.
 */
public final class OtlpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "otlp-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final boolean hang;

	private final CountDownLatch closed = new CountDownLatch(1);

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private OtlpReceiver(boolean hang) {
		this.hang = hang;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/v1/traces", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** A collector that answers every export with success. */
	public static OtlpReceiver start() {
		return new OtlpReceiver(false);
	}

	/** A collector that accepts connections and requests but never answers. */
	public static OtlpReceiver hanging() {
		return new OtlpReceiver(true);
	}

	/** The URL to set as {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** Export requests received so far (answered or not). */
	public int requests() {
		return this.requests.get();
	}

	/** Spans received so far. */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/** Spans of one trace. */
	public List<ReceivedSpan> spans(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			if (this.hang) {
				this.closed.await();
				return;
			}
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
					body = gzip.readAllBytes();
				}
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				Map<String, String> resource = attributes(resourceSpans.getResource());
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						this.spans.add(new ReceivedSpan(resource, span));
					}
				}
			}
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, String> attributes(Resource resource) {
		return attributes(resource.getAttributesList());
	}

	static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (KeyValue keyValue : keyValues) {
			attributes.put(keyValue.getKey(), text(keyValue.getValue()));
		}
		return attributes;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> Long.toString(value.getIntValue());
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			default -> value.toString();
		};
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** One received span, its attributes decoded to text, with its resource's attributes. */
	public record ReceivedSpan(Map<String, String> resource, Span span) {

		public String traceId() {
			return HexFormat.of().formatHex(this.span.getTraceId().toByteArray());
		}

		public String spanId() {
			return HexFormat.of().formatHex(this.span.getSpanId().toByteArray());
		}

		public String parentSpanId() {
			return HexFormat.of().formatHex(this.span.getParentSpanId().toByteArray());
		}

		public String name() {
			return this.span.getName();
		}

		public Span.SpanKind kind() {
			return this.span.getKind();
		}

		public Map<String, String> attributes() {
			return OtlpReceiver.attributes(this.span.getAttributesList());
		}

		public List<String> linkedTraceIds() {
			List<String> ids = new ArrayList<>();
			this.span.getLinksList().forEach((link) -> ids.add(HexFormat.of().formatHex(link.getTraceId().toByteArray())));
			return ids;
		}

	}

}
