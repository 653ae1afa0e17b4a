package dev.observability.sample.dashboards;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Locates the repository's operational files (grafana/, prometheus/, k8s/, compose.yaml) from the sample-app
 * module and reads them as plain maps and lists. JSON is read by the same YAML parser (JSON is YAML).
 */
final class StackFiles {

	private StackFiles() {
	}

	static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("sample-app"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("repository root (with mvnw and sample-app/) not found above " + Path.of("").toAbsolutePath());
	}

	static Path resolve(String relative) {
		return root().resolve(relative);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> readMap(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			Object loaded = yaml().load(reader);
			if (!(loaded instanceof Map)) {
				throw new IllegalStateException(file + " does not hold a mapping");
			}
			return (Map<String, Object>) loaded;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Object> readAll(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			List<Object> documents = new ArrayList<>();
			yaml().loadAll(reader).forEach(documents::add);
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> list(String directory, String glob) {
		try (Stream<Path> files = Files.list(resolve(directory))) {
			return files.filter(file -> file.getFileSystem().getPathMatcher("glob:" + glob).matches(file.getFileName()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setCodePointLimit(16 * 1024 * 1024);
		return new Yaml(new SafeConstructor(options));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value instanceof Map) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value instanceof List) ? (List<Object>) value : List.of();
	}

}
