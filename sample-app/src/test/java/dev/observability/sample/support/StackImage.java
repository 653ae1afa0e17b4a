package dev.observability.sample.support;

/**
 * The container images of the end-to-end tests: the official images (Prometheus, Alertmanager and Grafana at the
 * versions {@code compose.yaml} runs), unless an environment variable (or a system property of the same name,
 * {@code -DPROMETHEUS_IMAGE=...}) names another image. This project's CI points them at images it builds from
 * Debian packages ({@code docker/}), because no registry is reachable there.
 */
public enum StackImage {

	/** Prometheus: server, agent and {@code promtool}. */
	PROMETHEUS("PROMETHEUS_IMAGE", "prom/prometheus:v2.55.1"),

	/** Alertmanager. */
	ALERTMANAGER("ALERTMANAGER_IMAGE", "prom/alertmanager:v0.27.0"),

	/** Grafana, provisioned with the repository's dashboards. */
	GRAFANA("GRAFANA_IMAGE", "grafana/grafana:11.3.1"),

	/** PostgreSQL, the sample's database in {@code TestcontainersConfiguration}. */
	POSTGRES("POSTGRES_IMAGE", "postgres:17.2");

	private final String variable;

	private final String defaultImage;

	StackImage(String variable, String defaultImage) {
		this.variable = variable;
		this.defaultImage = defaultImage;
	}

	/** The environment variable (or system property) that overrides the image. */
	public String variable() {
		return this.variable;
	}

	/** The official image (at the version {@code compose.yaml} uses, for the images it runs). */
	public String defaultImage() {
		return this.defaultImage;
	}

	/** The image the tests run: the override if set, else {@link #defaultImage()}. */
	public String image() {
		String configured = System.getProperty(this.variable, System.getenv(this.variable));
		return (configured == null || configured.isBlank()) ? this.defaultImage : configured.trim();
	}

	/** Whether the image is overridden (CI's locally built images). */
	public boolean overridden() {
		return !this.defaultImage.equals(image());
	}

}
