package dev.observability.sample.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real Prometheus tools (Debian's {@code prometheus}, {@code promtool}, {@code amtool}) on the
 * {@code PATH}: the rule and configuration checks always use them, the servers of the end-to-end tests only where
 * no Docker engine answers ({@link DockerEngine}). Where a tool is missing, a test aborts (skipped) on a
 * developer machine, but fails with a clear message when {@code CI=true}: in CI the checks must never pass
 * silently.
 */
public final class LocalTools {

	private LocalTools() {
	}

	/** The executable of that name on the PATH, if any. */
	public static Optional<Path> find(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * The executable of that name on the PATH; otherwise fails the test in CI ({@code CI=true}) and aborts it
	 * elsewhere, naming the tool and how to install it.
	 */
	public static Path require(String name) {
		Optional<Path> tool = find(name);
		if (tool.isPresent()) {
			return tool.get();
		}
		String message = "'" + name + "' was not found on the PATH: install Debian's packages (apt-get install "
				+ "prometheus prometheus-alertmanager, which bring promtool and amtool too) to run the Prometheus checks; "
				+ "the Prometheus and Alertmanager servers of the end-to-end tests run as containers where a Docker engine answers";
		if (isCi()) {
			return Assertions.fail(message + " (CI=true: failing instead of skipping)");
		}
		Assumptions.abort(message);
		return null;
	}

	/** Whether the build runs in CI ({@code CI=true}). */
	public static boolean isCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
