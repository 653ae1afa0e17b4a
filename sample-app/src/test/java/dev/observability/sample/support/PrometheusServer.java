package dev.observability.sample.support;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus for tests: Debian's {@code prometheus} binary found on the PATH (see {@link LocalTools}),
 * started on a free loopback port with a temporary storage directory, scraping the given targets and
 * evaluating the given rule files every second (configurable), with exemplar storage on (OpenMetrics scrapes
 * keep exemplars). {@link #close()} stops it and deletes its files.
 * <pre class="code">
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrape("orders-service", "127.0.0.1:" + port, "/actuator/prometheus")
 *         .ruleFiles(RepositoryFiles.ruleFiles())
 *         .start()) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(30));
 *     OptionalDouble ratio = prometheus.queryValue("slo:sli_error:ratio_rate5m");
 * }
 * </pre>
 * Query helpers return the {@code data} part of the HTTP API's JSON answers, parsed with Jackson. A Docker
 * engine is not needed; this machine and CI have none, so no Testcontainers path is built.
 */
public final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Path directory;

	private final Path log;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PrometheusServer(Process process, Path directory, Path log, int port) {
		this.process = process;
		this.directory = directory;
		this.log = log;
		this.port = port;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Base URL of the HTTP API and UI, such as {@code http://127.0.0.1:41234}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** The result array of an instant query ({@code /api/v1/query}), evaluated now. */
	public JsonNode query(String promql) {
		return data("/api/v1/query?query=" + encode(promql)).path("result");
	}

	/** The value of the first sample of an instant query, empty when the result is empty or not a number. */
	public OptionalDouble queryValue(String promql) {
		JsonNode result = query(promql);
		if (!result.isArray() || result.isEmpty()) {
			return OptionalDouble.empty();
		}
		String value = result.get(0).path("value").get(1).asString();
		double parsed = Double.parseDouble(value);
		return Double.isNaN(parsed) ? OptionalDouble.empty() : OptionalDouble.of(parsed);
	}

	/** The result array of a range query ({@code /api/v1/query_range}). */
	public JsonNode queryRange(String promql, Instant start, Instant end, Duration step) {
		return data("/api/v1/query_range?query=" + encode(promql) + "&start=" + start.getEpochSecond() + "&end="
				+ end.getEpochSecond() + "&step=" + step.toSeconds() + "s").path("result");
	}

	/** The exemplars of the series a query selects between start and end ({@code /api/v1/query_exemplars}). */
	public JsonNode exemplars(String promql, Instant start, Instant end) {
		return data("/api/v1/query_exemplars?query=" + encode(promql) + "&start=" + start.getEpochSecond() + "&end="
				+ end.getEpochSecond());
	}

	/** Active alerts, pending and firing ({@code /api/v1/alerts}): objects with labels, state, value. */
	public JsonNode alerts() {
		return data("/api/v1/alerts").path("alerts");
	}

	/** Alerts of that name in state {@code pending} or {@code firing}. */
	public List<JsonNode> alerts(String alertname) {
		List<JsonNode> matching = new ArrayList<>();
		for (JsonNode alert : alerts()) {
			if (alertname.equals(alert.path("labels").path("alertname").asString())) {
				matching.add(alert);
			}
		}
		return matching;
	}

	/** Rule groups as loaded and evaluated ({@code /api/v1/rules}). */
	public JsonNode ruleGroups() {
		return data("/api/v1/rules").path("groups");
	}

	/** Active scrape targets ({@code /api/v1/targets}). */
	public JsonNode targets() {
		return data("/api/v1/targets").path("activeTargets");
	}

	/** The {@code data} of any GET on the HTTP API, such as {@code /api/v1/label/__name__/values}. */
	public JsonNode data(String pathAndQuery) {
		HttpResponse<String> response = get(pathAndQuery);
		JsonNode body = JSON.readTree(response.body());
		if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
			throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + pathAndQuery
					+ ": " + response.body());
		}
		return body.path("data");
	}

	/** Waits until every target has been scraped successfully ({@code health} up). */
	public void awaitTargetsUp(Duration timeout) {
		await("Prometheus targets up").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode targets = targets();
			if (!targets.isArray() || targets.isEmpty()) {
				return false;
			}
			for (JsonNode target : targets) {
				if (!"up".equals(target.path("health").asString())) {
					return false;
				}
			}
			return true;
		});
	}

	/** Prometheus's own log so far, for failure messages. */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deleteRecursively(this.directory);
	}

	private HttpResponse<String> get(String pathAndQuery) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean ready() {
		try {
			return get("/-/ready").statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: a temp directory left behind is not a test failure
		}
	}

	/** Targets, rule files and intervals of a {@link PrometheusServer}. */
	public static final class Builder {

		private final Map<String, List<String>> targetsByJob = new LinkedHashMap<>();

		private final Map<String, String> metricsPathByJob = new LinkedHashMap<>();

		private final List<Path> ruleFiles = new ArrayList<>();

		private final List<String> extraArguments = new ArrayList<>();

		private Duration scrapeInterval = Duration.ofSeconds(1);

		private Duration evaluationInterval = Duration.ofSeconds(1);

		private Duration startTimeout = Duration.ofSeconds(60);

		private Builder() {
		}

		/** Scrapes {@code host:port} at {@code metricsPath} as job {@code job} (the job label). */
		public Builder scrape(String job, String hostAndPort, String metricsPath) {
			this.targetsByJob.computeIfAbsent(job, (key) -> new ArrayList<>()).add(hostAndPort);
			this.metricsPathByJob.put(job, metricsPath);
			return this;
		}

		/** Loads these rule files (absolute paths are used). */
		public Builder ruleFiles(List<Path> files) {
			files.forEach((file) -> this.ruleFiles.add(file.toAbsolutePath()));
			return this;
		}

		/** Loads these rule files (absolute paths are used). */
		public Builder ruleFiles(Path... files) {
			return ruleFiles(List.of(files));
		}

		/** Scrape interval (1s unless set); the scrape timeout is the same. */
		public Builder scrapeInterval(Duration interval) {
			this.scrapeInterval = interval;
			return this;
		}

		/** Rule evaluation interval (1s unless set). */
		public Builder evaluationInterval(Duration interval) {
			this.evaluationInterval = interval;
			return this;
		}

		/** More command-line flags for the prometheus binary. */
		public Builder argument(String argument) {
			this.extraArguments.add(argument);
			return this;
		}

		/** Writes the configuration, starts Prometheus and waits until it is ready. */
		public PrometheusServer start() {
			Path binary = LocalTools.require("prometheus");
			IllegalStateException last = null;
			for (int attempt = 0; attempt < 3; attempt++) {
				try {
					return startOnce(binary);
				}
				catch (IllegalStateException ex) {
					// most likely the free port was taken between probing and binding: try another one
					last = ex;
				}
			}
			throw last;
		}

		private PrometheusServer startOnce(Path binary) {
			Path directory;
			int port;
			try {
				directory = Files.createTempDirectory("prometheus-test-");
				port = freePort();
				Files.writeString(directory.resolve("prometheus.yml"), configuration());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Path log = directory.resolve("prometheus.log");
			List<String> command = new ArrayList<>(List.of(binary.toString(),
					"--config.file=" + directory.resolve("prometheus.yml"),
					"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
					"--enable-feature=exemplar-storage", "--storage.tsdb.retention.time=1d"));
			command.addAll(this.extraArguments);
			Process process;
			try {
				process = new ProcessBuilder(command).directory(directory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			PrometheusServer server = new PrometheusServer(process, directory, log, port);
			try {
				await("Prometheus ready on port " + port).atMost(this.startTimeout)
					.pollInterval(Duration.ofMillis(200))
					.until(() -> {
						if (!process.isAlive()) {
							throw new IllegalStateException("prometheus exited with " + process.exitValue()
									+ ":\n" + server.log());
						}
						return server.ready();
					});
			}
			catch (RuntimeException ex) {
				String output = server.log();
				server.close();
				throw new IllegalStateException("Prometheus did not start: " + ex.getMessage() + "\n" + output, ex);
			}
			return server;
		}

		String configuration() {
			StringBuilder yaml = new StringBuilder();
			yaml.append("global:\n")
				.append("  scrape_interval: ").append(seconds(this.scrapeInterval)).append('\n')
				.append("  scrape_timeout: ").append(seconds(this.scrapeInterval)).append('\n')
				.append("  evaluation_interval: ").append(seconds(this.evaluationInterval)).append('\n');
			if (!this.ruleFiles.isEmpty()) {
				yaml.append("rule_files:\n");
				this.ruleFiles.forEach((file) -> yaml.append("  - '").append(file).append("'\n"));
			}
			yaml.append("scrape_configs:\n");
			this.targetsByJob.forEach((job, targets) -> {
				yaml.append("  - job_name: '").append(job).append("'\n")
					.append("    metrics_path: '").append(this.metricsPathByJob.get(job)).append("'\n")
					.append("    static_configs:\n")
					.append("      - targets: [");
				yaml.append(String.join(", ", targets.stream().map((target) -> "'" + target + "'").toList()));
				yaml.append("]\n");
			});
			return yaml.toString();
		}

		private static String seconds(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

	}

}
