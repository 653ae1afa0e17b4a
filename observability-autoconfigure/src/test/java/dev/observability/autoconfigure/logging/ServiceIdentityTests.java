package dev.observability.autoconfigure.logging;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceIdentity#from} with and without {@code META-INF/build-info.properties} on the class path.
 */
class ServiceIdentityTests {

	@TempDir
	Path classPath;

	@Test
	void versionFallsBackToTheBuildInfoOfTheClassPath() throws IOException {
		Path buildInfo = this.classPath.resolve("META-INF/build-info.properties");
		Files.createDirectories(buildInfo.getParent());
		Files.writeString(buildInfo, "build.version=3.1.4\n");
		assertThat(identityWithClassPath(Map.of("spring.application.name", "orders")))
			.isEqualTo(new ServiceIdentity("orders", "3.1.4", null));
	}

	@Test
	void theApplicationVersionWinsOverTheBuildInfo() throws IOException {
		Path buildInfo = this.classPath.resolve("META-INF/build-info.properties");
		Files.createDirectories(buildInfo.getParent());
		Files.writeString(buildInfo, "build.version=3.1.4\n");
		assertThat(identityWithClassPath(Map.of("spring.application.version", "3.2.0")).version()).isEqualTo("3.2.0");
	}

	@Test
	void versionIsUnknownWithoutBuildInfo() throws IOException {
		assertThat(identityWithClassPath(Map.of()).version()).isNull();
	}

	@Test
	void buildInfoWithoutAVersionLeavesItUnknown() throws IOException {
		Path buildInfo = this.classPath.resolve("META-INF/build-info.properties");
		Files.createDirectories(buildInfo.getParent());
		Files.writeString(buildInfo, "build.name=orders\n");
		assertThat(identityWithClassPath(Map.of()).version()).isNull();
	}

	private ServiceIdentity identityWithClassPath(Map<String, Object> properties) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		Thread thread = Thread.currentThread();
		ClassLoader before = thread.getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.classPath.toUri().toURL() }, null)) {
			thread.setContextClassLoader(loader);
			return ServiceIdentity.from(environment);
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}

}
