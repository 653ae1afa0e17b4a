package dev.observability.sample.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the repository's own Prometheus and Grafana files from a module's working directory, so tests
 * exercise exactly the files that ship.
 */
public final class RepositoryFiles {

	private RepositoryFiles() {
	}

	/** The repository root: the nearest directory upwards that holds {@code prometheus/rules}. */
	public static Path root() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			if (Files.isDirectory(directory.resolve("prometheus").resolve("rules"))) {
				return directory;
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException("No prometheus/rules directory found above " + Path.of("").toAbsolutePath());
	}

	/** {@code prometheus/} of the repository. */
	public static Path prometheus() {
		return root().resolve("prometheus");
	}

	/** Every {@code prometheus/rules/*.yml} (and {@code *.yaml}), sorted. */
	public static List<Path> ruleFiles() {
		return yamlFiles(prometheus().resolve("rules"));
	}

	/** Every {@code prometheus/tests/*.yml} (and {@code *.yaml}), sorted: promtool unit tests. */
	public static List<Path> ruleTestFiles() {
		return yamlFiles(prometheus().resolve("tests"));
	}

	private static List<Path> yamlFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().matches(".*\\.ya?ml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
