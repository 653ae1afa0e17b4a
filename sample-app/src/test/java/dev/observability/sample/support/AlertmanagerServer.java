package dev.observability.sample.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Alertmanager for tests with the repository's {@code prometheus/alertmanager.yml} and its
 * {@code secrets/} (placeholders), run by {@link StackServer}: a container of {@link StackImage#ALERTMANAGER}
 * where a Docker engine answers, else Debian's {@code prometheus-alertmanager} binary. Clustering is off (no
 * gossip port). The receivers cannot deliver from here (PagerDuty and Slack are unreachable); the tests read the
 * alerts it received and the receivers it routed them to through its API v2.
 */
public final class AlertmanagerServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StackServer server;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private AlertmanagerServer(StackServer server) {
		this.server = server;
	}

	/** Starts Alertmanager with the repository's configuration and waits until it is ready. */
	public static AlertmanagerServer start() {
		Path prometheus = RepositoryFiles.prometheus();
		StackServer.Spec spec = new StackServer.Spec("Alertmanager", StackImage.ALERTMANAGER, "prometheus-alertmanager",
				"/etc/alertmanager", "/alertmanager")
			.file("alertmanager.yml", read(prometheus.resolve("alertmanager.yml")))
			.arguments((configDirectory, dataDirectory, port) -> List.of(
					"--config.file=" + configDirectory + "/alertmanager.yml", "--storage.path=" + dataDirectory,
					"--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="))
			.readyPath("/-/ready");
		try (Stream<Path> secrets = Files.list(prometheus.resolve("secrets"))) {
			secrets.forEach((secret) -> spec.file("secrets/" + secret.getFileName(), read(secret)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new AlertmanagerServer(StackServer.start(spec));
	}

	/** Base URL such as {@code http://127.0.0.1:41234}, for {@link PrometheusServer.Builder#alertmanager}. */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	/** The alerts it holds ({@code /api/v2/alerts}): objects with labels, status and the receivers routed to. */
	public List<JsonNode> alerts() {
		HttpResponse<String> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts"))
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
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Alertmanager answered " + response.statusCode() + ": " + response.body());
		}
		List<JsonNode> alerts = new ArrayList<>();
		JSON.readTree(response.body()).forEach(alerts::add);
		return alerts;
	}

	/** The names of the receivers an alert was routed to. */
	public static List<String> receivers(JsonNode alert) {
		List<String> names = new ArrayList<>();
		alert.path("receivers").forEach((receiver) -> names.add(receiver.path("name").asString()));
		return names;
	}

	/** Alertmanager's own log so far, for failure messages. */
	public String log() {
		return this.server.log();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
