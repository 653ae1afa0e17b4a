package dev.observability.sample.shutdown;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.observability.childprocess.ChildApplication;

/**
 * The test application {@link ChildApplication} in its own JVM. Standard output is either collected line by
 * line or left unread (a stalled log sink: the pipe fills and writes block); standard error goes to a file, or
 * into the same unread pipe ({@code 2>&1} into a stuck shipper).
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final Path stderr;

	private final Path progress;

	private final List<String> stdoutLines = new ArrayList<>();

	private final Thread stdoutReader;

	private ChildJvm(Process process, Path stderr, Path progress, boolean readStdout) {
		this.process = process;
		this.stderr = stderr;
		this.progress = progress;
		if (readStdout) {
			this.stdoutReader = new Thread(() -> {
				try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
					String line;
					while ((line = reader.readLine()) != null) {
						synchronized (this.stdoutLines) {
							this.stdoutLines.add(line);
						}
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			}, "child-stdout");
			this.stdoutReader.setDaemon(true);
			this.stdoutReader.start();
		}
		else {
			this.stdoutReader = null;
		}
	}

	static ChildJvm start(boolean readStdout, String... args) throws IOException {
		return start(readStdout, false, args);
	}

	static ChildJvm start(boolean readStdout, boolean stderrIntoStdout, String... args) throws IOException {
		Path stderr = Files.createTempFile("child-stderr", ".log");
		Path progress = Files.createTempFile("child-progress", ".log");
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ChildApplication.class.getName());
		command.add("--server.port=0");
		command.add("--server.address=127.0.0.1");
		command.add("--child.progress=" + progress);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		if (stderrIntoStdout) {
			builder.redirectErrorStream(true);
		}
		else {
			builder.redirectError(stderr.toFile());
		}
		return new ChildJvm(builder.start(), stderr, progress, readStdout);
	}

	String stderr() {
		return read(this.stderr);
	}

	/** What the application reported: READY, STALLED, SPANS. */
	String progress() {
		return read(this.progress);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> stdoutLines() {
		synchronized (this.stdoutLines) {
			return List.copyOf(this.stdoutLines);
		}
	}

	/** Sends SIGTERM and returns how long the JVM took to exit, or {@code null} if it is still alive at the deadline. */
	Duration terminate(Duration deadline) throws InterruptedException {
		long start = System.nanoTime();
		// the handle only signals: Process.destroy() would also close our end of the stdout pipe, which
		// unblocks a stalled writer in the child, unlike an orchestrator's SIGTERM
		this.process.toHandle().destroy();
		boolean exited = this.process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (exited && this.stdoutReader != null) {
			this.stdoutReader.join(10_000);
		}
		return exited ? took : null;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws IOException {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process.getInputStream().close();
		Files.deleteIfExists(this.stderr);
		Files.deleteIfExists(this.progress);
	}

}
