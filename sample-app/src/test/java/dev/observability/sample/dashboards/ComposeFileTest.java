package dev.observability.sample.dashboards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.observability.sample.support.StackImage;
import org.junit.jupiter.api.Test;

import static dev.observability.sample.dashboards.StackFiles.list;
import static dev.observability.sample.dashboards.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code compose.yaml} statically: it parses, holds the whole stack, pins every image (the Prometheus,
 * Alertmanager and Grafana images at the versions the container tests run), mounts only files that exist,
 * publishes no host port twice, and agrees with the Prometheus, Alertmanager and Grafana configuration it mounts.
 */
class ComposeFileTest {

	static final String GRAFANA_DASHBOARDS_PATH = "/var/lib/grafana/dashboards";

	/** Host paths outside the repository that a service may mount, with the reason. */
	private static final Map<String, String> HOST_MOUNTS = Map.of("/var/run/docker.sock",
			"the log shipper reads the sample-app container's log stream through the Docker API");

	private static final Pattern PINNED_IMAGE = Pattern.compile("[\\w./-]+(:[\\w.-]+|@sha256:[0-9a-f]{64})");

	private final Map<String, Object> compose = StackFiles.readMap(StackFiles.resolve("compose.yaml"));

	private final Map<String, Object> services = map(this.compose.get("services"));

	@Test
	void holdsTheWholeStack() {
		assertThat(this.services).containsOnlyKeys("sample-app", "prometheus", "alertmanager", "grafana", "tempo", "loki",
				"alloy");
	}

	@Test
	void pinsEveryImageToAVersion() {
		this.services.forEach((name, service) -> {
			String image = (String) map(service).get("image");
			assertThat(image).as(name + " image").isNotNull().matches(PINNED_IMAGE);
			assertThat(image).as(name + " image").doesNotEndWith(":latest");
		});
	}

	@Test
	void runsTheImageVersionsTheContainerTestsRun() {
		assertThat(map(this.services.get("prometheus")).get("image")).isEqualTo(StackImage.PROMETHEUS.defaultImage());
		assertThat(map(this.services.get("alertmanager")).get("image")).isEqualTo(StackImage.ALERTMANAGER.defaultImage());
		assertThat(map(this.services.get("grafana")).get("image")).isEqualTo(StackImage.GRAFANA.defaultImage());
	}

	@Test
	void mountsOnlyFilesThatExistAndDeclaredVolumes() {
		Map<String, Object> namedVolumes = map(this.compose.get("volumes"));
		this.services.forEach((name, service) -> {
			for (Mount mount : mounts(map(service))) {
				if (mount.source().startsWith("./") || mount.source().startsWith("../")) {
					assertThat(StackFiles.root().resolve(mount.source()).normalize()).as(name + " mounts " + mount.source())
						.exists();
				}
				else if (mount.source().startsWith("/")) {
					assertThat(HOST_MOUNTS).as(name + " mounts host path " + mount.source()).containsKey(mount.source());
				}
				else {
					assertThat(namedVolumes).as(name + " uses volume " + mount.source()).containsKey(mount.source());
				}
			}
		});
	}

	@Test
	void runsTheJarThePackageCommandBuilds() throws Exception {
		Map<String, Object> app = map(this.services.get("sample-app"));
		Mount target = mounts(app).stream().filter(mount -> mount.source().equals("./sample-app/target")).findFirst().orElseThrow();
		String rootPom = Files.readString(StackFiles.resolve("pom.xml"));
		Matcher version = Pattern.compile("<artifactId>observability-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(rootPom);
		assertThat(version.find()).as("project version in pom.xml").isTrue();
		assertThat(list(app.get("command"))).contains(target.target() + "/sample-app-" + version.group(1) + ".jar");
	}

	@Test
	void publishesEveryHostPortOnce() {
		Map<String, String> owners = new HashMap<>();
		List<String> duplicates = new ArrayList<>();
		this.services.forEach((name, service) -> {
			for (Object port : list(map(service).get("ports"))) {
				String[] parts = String.valueOf(port).split(":");
				String hostPort = (parts.length > 1) ? parts[parts.length - 2] : parts[0];
				String previous = owners.put(hostPort, name);
				if (previous != null) {
					duplicates.add(hostPort + " by " + previous + " and " + name);
				}
			}
		});
		assertThat(owners).isNotEmpty();
		assertThat(duplicates).isEmpty();
	}

	@Test
	void prometheusStoresExemplarsAndLoadsTheRulesItsConfigurationNames() {
		Map<String, Object> prometheus = map(this.services.get("prometheus"));
		List<Object> command = list(prometheus.get("command"));
		assertThat(command).contains("--enable-feature=exemplar-storage");
		String configFile = command.stream()
			.map(String::valueOf)
			.filter(argument -> argument.startsWith("--config.file="))
			.map(argument -> argument.substring("--config.file=".length()))
			.findFirst()
			.orElseThrow();
		assertThat(targetOf(prometheus, "./prometheus/prometheus.yml")).isEqualTo(configFile);
		Map<String, Object> config = StackFiles.readMap(StackFiles.resolve("prometheus/prometheus.yml"));
		assertThat(list(config.get("rule_files"))).containsExactly("rules/*.yml");
		assertThat(targetOf(prometheus, "./prometheus/rules")).isEqualTo(Path.of(configFile).resolveSibling("rules").toString());
	}

	@Test
	void prometheusScrapesTheAppAndAlertsTheAlertmanagerOfThisStack() {
		Map<String, Object> config = StackFiles.readMap(StackFiles.resolve("prometheus/prometheus.yml"));
		Map<String, Object> appJob = list(config.get("scrape_configs")).stream()
			.map(StackFiles::map)
			.filter(job -> "/actuator/prometheus".equals(job.get("metrics_path")))
			.findFirst()
			.orElseThrow();
		assertThat(list(map(list(appJob.get("static_configs")).get(0)).get("targets"))).containsExactly("sample-app:8080");
		assertThat(list(map(this.services.get("sample-app")).get("ports"))).contains("8080:8080");
		Map<String, Object> alertmanagers = map(list(map(config.get("alerting")).get("alertmanagers")).get(0));
		assertThat(list(map(list(alertmanagers.get("static_configs")).get(0)).get("targets"))).containsExactly("alertmanager:9093");
		assertThat(list(map(this.services.get("alertmanager")).get("ports"))).contains("9093:9093");
	}

	@Test
	void alertmanagerFindsItsSecretFilesNextToItsConfiguration() {
		Map<String, Object> alertmanager = map(this.services.get("alertmanager"));
		String config = targetOf(alertmanager, "./prometheus/alertmanager.yml");
		assertThat(list(alertmanager.get("command"))).contains("--config.file=" + config);
		assertThat(targetOf(alertmanager, "./prometheus/secrets")).isEqualTo(Path.of(config).resolveSibling("secrets").toString());
	}

	@Test
	void grafanaIsProvisionedWithTheDashboardsFolder() {
		Map<String, Object> grafana = map(this.services.get("grafana"));
		assertThat(targetOf(grafana, "./grafana/provisioning")).isEqualTo("/etc/grafana/provisioning");
		assertThat(targetOf(grafana, "./grafana/dashboards")).isEqualTo(GRAFANA_DASHBOARDS_PATH);
		List<String> urls = list(StackFiles.readMap(StackFiles.resolve("grafana/provisioning/datasources/datasources.yaml"))
			.get("datasources")).stream().map(datasource -> (String) map(datasource).get("url")).toList();
		assertThat(urls).containsExactlyInAnyOrder("http://prometheus:9090", "http://tempo:3200", "http://loki:3100");
	}

	@Test
	void theAppExportsSpansToTempoOverOtlp() {
		Map<String, Object> environment = map(map(this.services.get("sample-app")).get("environment"));
		assertThat(environment).containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://tempo:4318/v1/traces");
		assertThat(list(map(this.services.get("tempo")).get("ports"))).contains("4318:4318");
	}

	private static String targetOf(Map<String, Object> service, String source) {
		return mounts(service).stream()
			.filter(mount -> mount.source().equals(source))
			.map(Mount::target)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mount of " + source));
	}

	private static List<Mount> mounts(Map<String, Object> service) {
		List<Mount> mounts = new ArrayList<>();
		for (Object volume : list(service.get("volumes"))) {
			if (volume instanceof String text) {
				String[] parts = text.split(":");
				mounts.add(new Mount(parts[0], parts[1]));
			}
			else {
				mounts.add(new Mount(String.valueOf(map(volume).get("source")), String.valueOf(map(volume).get("target"))));
			}
		}
		return mounts;
	}

	private record Mount(String source, String target) {
	}

}
