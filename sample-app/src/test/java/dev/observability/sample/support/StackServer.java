package dev.observability.sample.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import static org.awaitility.Awaitility.await;

/**
 * One server of the test stack (Prometheus, Alertmanager, Grafana) on a free loopback port: a container of its
 * {@link StackImage} with host networking where a Docker engine answers ({@link DockerEngine}), otherwise the
 * local binary. Its files (configuration, rules, secrets) are copied into its configuration directory, so both
 * ways read exactly the same files by the same relative paths. Ryuk is not relied upon: {@link #close()} stops and
 * removes the container (or the process and its directory) itself.
 */
public final class StackServer implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Runtime runtime;

	private final int port;

	private StackServer(Runtime runtime, int port) {
		this.runtime = runtime;
		this.port = port;
	}

	/** Starts a server described by the given spec and waits until its ready path answers 200. */
	public static StackServer start(Spec spec) {
		IllegalStateException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return startOnce(spec);
			}
			catch (IllegalStateException ex) {
				// most likely the free port was taken between probing and binding: try another one
				last = ex;
			}
		}
		throw last;
	}

	private static StackServer startOnce(Spec spec) {
		int port = freePort();
		boolean containers = DockerEngine.useContainers();
		if (!containers && spec.localBinary == null) {
			Assumptions.abort(spec.name + " runs only as a container, and no Docker engine answers");
		}
		Runtime runtime = containers ? new ContainerRuntime(spec, port) : new LocalRuntime(spec, port);
		StackServer server = new StackServer(runtime, port);
		try {
			await(spec.name + " ready on port " + port).atMost(spec.startTimeout)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					if (!runtime.alive()) {
						throw new IllegalStateException(spec.name + " exited:\n" + runtime.log());
					}
					return server.ready(spec.readyPath);
				});
		}
		catch (RuntimeException ex) {
			String output = runtime.log();
			server.close();
			throw new IllegalStateException(spec.name + " did not start (" + runtime.describe() + "): "
					+ ex.getMessage() + "\n" + output, ex);
		}
		return server;
	}

	/** Base URL such as {@code http://127.0.0.1:41234}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** The server's output so far, for failure messages. */
	public String log() {
		return this.runtime.log();
	}

	/** What runs: the container's image or the local binary. */
	public String describe() {
		return this.runtime.describe();
	}

	/** Whether {@link #close()} left nothing behind: no process or container, no files. */
	public boolean leftNothingBehind() {
		return this.runtime.gone();
	}

	@Override
	public void close() {
		this.runtime.stop();
	}

	private boolean ready(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How one server is started, the same for its container and its local binary. */
	public static final class Spec {

		private final String name;

		private final StackImage image;

		private final String localBinary;

		private final String containerConfigDirectory;

		private final String containerDataDirectory;

		private final Map<String, byte[]> files = new LinkedHashMap<>();

		private Arguments arguments = (configDirectory, dataDirectory, port) -> List.of();

		private Map<String, String> environment = Map.of();

		private String readyPath = "/";

		private Duration startTimeout = Duration.ofSeconds(60);

		/**
		 * @param name what the server is, for messages
		 * @param image its container image
		 * @param localBinary its executable's name on the PATH, for the fallback without Docker; {@code null} when
		 * it runs only as a container
		 * @param containerConfigDirectory where its files go in the container
		 * @param containerDataDirectory its writable storage directory in the container
		 */
		public Spec(String name, StackImage image, String localBinary, String containerConfigDirectory,
				String containerDataDirectory) {
			this.name = name;
			this.image = image;
			this.localBinary = localBinary;
			this.containerConfigDirectory = containerConfigDirectory;
			this.containerDataDirectory = containerDataDirectory;
		}

		/** A file at this path relative to the configuration directory. */
		public Spec file(String relativePath, byte[] content) {
			this.files.put(relativePath, content);
			return this;
		}

		/** Command-line arguments, given the configuration and data directories and the port to listen on. */
		public Spec arguments(Arguments arguments) {
			this.arguments = arguments;
			return this;
		}

		/** Environment variables of the server. */
		public Spec environment(Map<String, String> environment) {
			this.environment = Map.copyOf(environment);
			return this;
		}

		/** The HTTP path that answers 200 once the server is ready. */
		public Spec readyPath(String path) {
			this.readyPath = path;
			return this;
		}

		public Spec startTimeout(Duration timeout) {
			this.startTimeout = timeout;
			return this;
		}

	}

	/** The command-line arguments of a server. */
	@FunctionalInterface
	public interface Arguments {

		List<String> of(String configDirectory, String dataDirectory, int port);

	}

	private interface Runtime {

		boolean alive();

		String log();

		String describe();

		void stop();

		boolean gone();

	}

	private static final class ContainerRuntime implements Runtime {

		private final GenericContainer<?> container;

		private String containerId;

		@SuppressWarnings("resource")
		ContainerRuntime(Spec spec, int port) {
			this.container = new GenericContainer<>(DockerImageName.parse(spec.image.image()))
				// host networking: the container reaches the app on 127.0.0.1 and the test reaches the container there
				.withNetworkMode("host")
				.withEnv(spec.environment)
				.withCommand(spec.arguments.of(spec.containerConfigDirectory, spec.containerDataDirectory, port)
					.toArray(String[]::new))
				// readiness is polled over HTTP by StackServer: no port mapping exists to wait for
				.waitingFor(new AbstractWaitStrategy() {
					@Override
					protected void waitUntilReady() {
					}
				});
			spec.files.forEach((path, content) -> this.container.withCopyToContainer(Transferable.of(content),
					spec.containerConfigDirectory + "/" + path));
			this.container.start();
			this.containerId = this.container.getContainerId();
		}

		@Override
		public boolean alive() {
			return this.container.isRunning();
		}

		@Override
		public String log() {
			try {
				return this.container.getLogs();
			}
			catch (RuntimeException ex) {
				return "(no container log: " + ex.getMessage() + ")";
			}
		}

		@Override
		public String describe() {
			return "container " + this.container.getDockerImageName();
		}

		@Override
		public void stop() {
			this.container.stop();
		}

		@Override
		public boolean gone() {
			return DockerClientFactory.instance()
				.client()
				.listContainersCmd()
				.withShowAll(true)
				.withIdFilter(List.of(this.containerId))
				.exec()
				.isEmpty();
		}

	}

	private static final class LocalRuntime implements Runtime {

		private final Path directory;

		private final Path log;

		private final Path binary;

		private final Process process;

		LocalRuntime(Spec spec, int port) {
			this.binary = LocalTools.require(spec.localBinary);
			try {
				this.directory = Files.createTempDirectory(spec.localBinary + "-test-");
				for (Map.Entry<String, byte[]> file : spec.files.entrySet()) {
					Path target = this.directory.resolve(file.getKey());
					Files.createDirectories(target.getParent());
					Files.write(target, file.getValue());
				}
				this.log = this.directory.resolve("server.log");
				List<String> command = new ArrayList<>();
				command.add(this.binary.toString());
				command.addAll(spec.arguments.of(this.directory.toString(), this.directory.resolve("data").toString(), port));
				ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(this.log.toFile());
				builder.environment().putAll(spec.environment);
				this.process = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean alive() {
			return this.process.isAlive();
		}

		@Override
		public String log() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

		@Override
		public String describe() {
			return "local " + this.binary;
		}

		@Override
		public void stop() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// best effort: a temp directory left behind is not a test failure
			}
		}

		@Override
		public boolean gone() {
			return !this.process.isAlive() && !Files.exists(this.directory);
		}

	}

}
