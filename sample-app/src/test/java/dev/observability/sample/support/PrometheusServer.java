package dev.observability.sample.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus for tests, run by {@link StackServer}: a container of {@link StackImage#PROMETHEUS} (the
 * official image unless {@code PROMETHEUS_IMAGE} names another) with host networking where a Docker engine
 * answers, else Debian's {@code prometheus} binary on the PATH. It listens on a free loopback port, scrapes the
 * given targets and evaluates the given rule files every second (configurable), with exemplar storage on
 * (OpenMetrics scrapes keep exemplars). It can also run as an agent that forwards everything by
 * {@code remote_write}, or receive remote writes, which is how a fleet feeds Mimir, Thanos or VictoriaMetrics.
 * {@link #close()} stops it and removes its container or files.
 * <pre class="code">
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrape("orders-service", "127.0.0.1:" + port, "/actuator/prometheus")
 *         .ruleFiles(RepositoryFiles.ruleFiles())
 *         .start()) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(30));
 *     OptionalDouble ratio = prometheus.queryValue("slo:sli_error:ratio_rate5m");
 * }
 * </pre>
 * Query helpers return the {@code data} part of the HTTP API's JSON answers, parsed with Jackson.
 */
public final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StackServer server;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PrometheusServer(StackServer server) {
		this.server = server;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Base URL of the HTTP API and UI, such as {@code http://127.0.0.1:41234}. */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	public int port() {
		return this.server.port();
	}

	/** The URL other Prometheus servers remote-write to (needs {@link Builder#remoteWriteReceiver()}). */
	public String remoteWriteUrl() {
		return baseUrl() + "/api/v1/write";
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
		return this.server.log();
	}

	/** What runs: the container's image or the local binary. */
	public String describe() {
		return this.server.describe();
	}

	/** Whether {@link #close()} left nothing behind: no process or container, no files. */
	public boolean leftNothingBehind() {
		return this.server.leftNothingBehind();
	}

	@Override
	public void close() {
		this.server.close();
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

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Targets, rule files, intervals and mode of a {@link PrometheusServer}. */
	public static final class Builder {

		/** prometheus/prometheus.yml's evaluation interval, which the tests' 1s compresses. */
		private static final Duration PRODUCTION_EVALUATION_INTERVAL = Duration.ofSeconds(15);

		/** One rule group of a rule file: from its "- name:" line to the next group's. */
		private static final Pattern GROUP = Pattern.compile("(?ms)^  - name: .*?(?=^  - name: |\\z)");

		private static final Pattern GROUP_INTERVAL = Pattern.compile("(?m)^(\\s+)interval: (\\S+)$");

		private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)([smh])");

		private final Map<String, List<String>> targetsByJob = new LinkedHashMap<>();

		private final Map<String, String> metricsPathByJob = new LinkedHashMap<>();

		private final List<Path> ruleFiles = new ArrayList<>();

		private final List<String> extraArguments = new ArrayList<>();

		private final List<String> remoteWriteUrls = new ArrayList<>();

		private final List<String> alertmanagers = new ArrayList<>();

		private final Map<String, String> externalLabels = new LinkedHashMap<>();

		private boolean agent;

		private boolean remoteWriteReceiver;

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

		/** Loads these rule files (copied into the server's configuration directory). */
		public Builder ruleFiles(List<Path> files) {
			files.forEach((file) -> this.ruleFiles.add(file.toAbsolutePath()));
			return this;
		}

		/** Loads these rule files (copied into the server's configuration directory). */
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

		/**
		 * Runs in agent mode ({@code --enable-feature=agent}): scrapes and forwards by remote write, with no local
		 * queries, rules or alerts.
		 */
		public Builder agent() {
			this.agent = true;
			return this;
		}

		/** Sends every sample to this remote-write URL, such as another server's {@link #remoteWriteUrl()}. */
		public Builder remoteWrite(String url) {
			this.remoteWriteUrls.add(url);
			return this;
		}

		/** Accepts remote writes at {@code /api/v1/write} ({@code --web.enable-remote-write-receiver}). */
		public Builder remoteWriteReceiver() {
			this.remoteWriteReceiver = true;
			return this;
		}

		/** Sends alerts to the Alertmanager at this base URL, such as {@link AlertmanagerServer#baseUrl()}. */
		public Builder alertmanager(String baseUrl) {
			this.alertmanagers.add(baseUrl);
			return this;
		}

		/** A label added to every series this server sends on (remote write, alerts). */
		public Builder externalLabel(String name, String value) {
			this.externalLabels.put(name, value);
			return this;
		}

		/** More command-line flags for Prometheus. */
		public Builder argument(String argument) {
			this.extraArguments.add(argument);
			return this;
		}

		/** Writes the configuration, starts Prometheus and waits until it is ready. */
		public PrometheusServer start() {
			StackServer.Spec spec = new StackServer.Spec("Prometheus", StackImage.PROMETHEUS, "prometheus",
					"/etc/prometheus", "/prometheus")
				.file("prometheus.yml", configuration().getBytes(StandardCharsets.UTF_8))
				.arguments(this::arguments)
				.readyPath("/-/ready")
				.startTimeout(this.startTimeout);
			List<String> names = ruleFileNames();
			for (int i = 0; i < names.size(); i++) {
				spec.file(names.get(i), ruleFile(this.ruleFiles.get(i)));
			}
			return new PrometheusServer(StackServer.start(spec));
		}

		/**
		 * A rule file as this server loads it. The tests run on a compressed clock: scrapes and evaluations every
		 * second where {@code prometheus.yml} has 15s. A group with its own interval (the 5 minutes of
		 * {@code slo-increase5m}) is compressed alike, with the ranges of that length in its expressions: every 20s
		 * over {@code [20s]} at a 1s evaluation interval. Its increases then still cover adjacent intervals, so the
		 * windows added up from them count events as in production, and it first runs within seconds of start-up
		 * instead of up to 5 minutes.
		 */
		private byte[] ruleFile(Path file) {
			String rules = new String(read(file), StandardCharsets.UTF_8);
			StringBuilder compressed = new StringBuilder();
			Matcher group = GROUP.matcher(rules);
			int end = 0;
			while (group.find()) {
				compressed.append(rules, end, group.start());
				String text = group.group();
				Matcher interval = GROUP_INTERVAL.matcher(text);
				if (interval.find()) {
					String own = interval.group(2);
					String scaled = seconds(Duration.ofMillis(duration(own).toMillis()
							* this.evaluationInterval.toMillis() / PRODUCTION_EVALUATION_INTERVAL.toMillis()));
					text = GROUP_INTERVAL.matcher(text).replaceAll("$1interval: " + scaled).replace("[" + own + "]",
							"[" + scaled + "]");
				}
				compressed.append(text);
				end = group.end();
			}
			return compressed.append(rules.substring(end)).toString().getBytes(StandardCharsets.UTF_8);
		}

		private static Duration duration(String promDuration) {
			Matcher matcher = SIMPLE_DURATION.matcher(promDuration);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("Group interval " + promDuration + " is not <number><s|m|h>");
			}
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}

		private List<String> arguments(String configDirectory, String dataDirectory, int port) {
			List<String> arguments = new ArrayList<>(List.of("--config.file=" + configDirectory + "/prometheus.yml",
					"--web.listen-address=127.0.0.1:" + port));
			if (this.agent) {
				arguments.addAll(List.of("--enable-feature=agent", "--storage.agent.path=" + dataDirectory));
			}
			else {
				arguments.addAll(List.of("--storage.tsdb.path=" + dataDirectory, "--enable-feature=exemplar-storage",
						"--storage.tsdb.retention.time=1d"));
			}
			if (this.remoteWriteReceiver) {
				arguments.add("--web.enable-remote-write-receiver");
			}
			arguments.addAll(this.extraArguments);
			return arguments;
		}

		/** Rule files by their path relative to the configuration file: numbered, so equal names never clash. */
		private List<String> ruleFileNames() {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < this.ruleFiles.size(); i++) {
				names.add("rules/%02d-%s".formatted(i, this.ruleFiles.get(i).getFileName()));
			}
			return names;
		}

		String configuration() {
			StringBuilder yaml = new StringBuilder();
			yaml.append("global:\n")
				.append("  scrape_interval: ").append(seconds(this.scrapeInterval)).append('\n')
				.append("  scrape_timeout: ").append(seconds(this.scrapeInterval)).append('\n');
			if (!this.agent) {
				yaml.append("  evaluation_interval: ").append(seconds(this.evaluationInterval)).append('\n');
			}
			if (!this.externalLabels.isEmpty()) {
				yaml.append("  external_labels:\n");
				this.externalLabels.forEach((name, value) -> yaml.append("    ").append(name).append(": '").append(value).append("'\n"));
			}
			if (!this.ruleFiles.isEmpty()) {
				if (this.agent) {
					throw new IllegalStateException("A Prometheus agent evaluates no rules: load them where it writes to");
				}
				yaml.append("rule_files:\n");
				ruleFileNames().forEach((file) -> yaml.append("  - '").append(file).append("'\n"));
			}
			if (!this.alertmanagers.isEmpty()) {
				yaml.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [");
				yaml.append(String.join(", ", this.alertmanagers.stream()
					.map((url) -> "'" + URI.create(url).getAuthority() + "'")
					.toList()));
				yaml.append("]\n");
			}
			if (!this.remoteWriteUrls.isEmpty()) {
				yaml.append("remote_write:\n");
				// small batches sent within a second: the tests wait for forwarded samples, not for throughput
				this.remoteWriteUrls.forEach((url) -> yaml.append("  - url: '").append(url).append("'\n")
					.append("    queue_config:\n      batch_send_deadline: 1s\n"));
			}
			if (this.targetsByJob.isEmpty()) {
				return yaml.toString();
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

		private static byte[] read(Path file) {
			try {
				return Files.readAllBytes(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String seconds(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}

	}

}
