package dev.observability.sample.support;

import org.junit.jupiter.api.Assertions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether the end-to-end tests run their Prometheus, Alertmanager and Grafana as containers (Testcontainers,
 * host networking, so all traffic stays on 127.0.0.1) or as local processes ({@link LocalTools}).
 * <p>
 * Containers whenever a Docker engine answers. Without one, the tests fall back to Debian's binaries on the
 * {@code PATH}, except in CI ({@code CI=true}), where the container path must run: a CI machine without an
 * engine fails rather than quietly testing something else.
 */
public final class DockerEngine {

	private static volatile Boolean available;

	private DockerEngine() {
	}

	/** Whether a Docker engine answers (asked once per test JVM). */
	public static boolean available() {
		Boolean answer = available;
		if (answer == null) {
			answer = DockerClientFactory.instance().isDockerAvailable();
			available = answer;
		}
		return answer;
	}

	/** Whether to run the stack's servers as containers; fails in CI when no engine answers. */
	public static boolean useContainers() {
		if (available()) {
			return true;
		}
		if (LocalTools.isCi()) {
			Assertions.fail("No Docker engine answers, and CI=true requires the container path of the end-to-end "
					+ "tests: start dockerd (bash .ci/run does) or point DOCKER_HOST at an engine");
		}
		return false;
	}

}
