package dev.observability.sample.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (the {@code prometheus} binary on the PATH) on a free 127.0.0.1 port, scraping one target
 * every second and evaluating the repository's rule files every second, with exemplar storage on.
 */
final class LocalPrometheus implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LocalPrometheus(Process process, String baseUrl) {
		this.process = process;
		this.baseUrl = baseUrl;
	}

	static LocalPrometheus start(Path executable, String target, String metricsPath, List<Path> ruleFiles, Path directory) {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			String rules = ruleFiles.stream()
				.map(file -> "  - '" + file.toAbsolutePath() + "'")
				.collect(Collectors.joining("\n"));
			Path config = directory.resolve("prometheus.yml");
			Files.writeString(config, """
					global:
					  scrape_interval: 1s
					  scrape_timeout: 1s
					  evaluation_interval: 1s
					rule_files:
					%s
					scrape_configs:
					  - job_name: orders-service
					    metrics_path: %s
					    static_configs:
					      - targets: ['%s']
					""".formatted(rules, metricsPath, target));
			Process process = new ProcessBuilder(executable.toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
					"--enable-feature=exemplar-storage")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("prometheus.log").toFile())
				.start();
			LocalPrometheus prometheus = new LocalPrometheus(process, "http://127.0.0.1:" + port);
			Awaitility.await("Prometheus ready (log: " + directory.resolve("prometheus.log") + ")")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> process.isAlive() && prometheus.get("/-/ready").statusCode() == 200);
			return prometheus;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The result vector or matrix of an instant query. */
	List<Map<String, Object>> query(String promql) {
		return data("/api/v1/query?query=" + encode(promql), "result");
	}

	/** Exemplars of a selector over the last few minutes. */
	List<Map<String, Object>> exemplars(String selector) {
		long now = System.currentTimeMillis() / 1000;
		return data("/api/v1/query_exemplars?query=" + encode(selector) + "&start=" + (now - 600) + "&end=" + (now + 60), null);
	}

	/** Active alerts (pending and firing). */
	List<Map<String, Object>> alerts() {
		return data("/api/v1/alerts", "alerts");
	}

	/** Values of a label on the series that match the selector (Grafana's label_values). */
	@SuppressWarnings("unchecked")
	List<String> labelValues(String label, String selector) {
		Map<String, Object> body = getJson("/api/v1/label/" + label + "/values?match[]=" + encode(selector));
		return (List<String>) body.get("data");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> data(String path, String field) {
		Object data = getJson(path).get("data");
		return (List<Map<String, Object>>) ((field != null) ? ((Map<String, Object>) data).get(field) : data);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> getJson(String path) {
		HttpResponse<String> response = get(path);
		Map<String, Object> body = JSON.readValue(response.body(), Map.class);
		if (response.statusCode() != 200 || !"success".equals(body.get("status"))) {
			throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
		}
		return body;
	}

	private HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
