package dev.observability.sample.shutdown;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The sample's starter in a child JVM, stopped with SIGTERM as an orchestrator does: standard output carries
 * only JSON, a stalled log sink and a dead collector delay exit only by their documented bounds.
 */
class ShutdownUnderFaultsTests {

	private static final Duration START = Duration.ofSeconds(90);

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyLineOnStandardOutputIsOneJsonObjectFromStartToExit() throws Exception {
		try (ChildJvm child = ChildJvm.start(true)) {
			await().atMost(START).until(() -> child.progress().contains("READY"));
			Duration exit = child.terminate(Duration.ofSeconds(60));
			assertThat(exit).as("exit after SIGTERM").isNotNull();
			List<String> lines = child.stdoutLines();
			assertThat(lines).as("standard output").isNotEmpty();
			for (String line : lines) {
				assertThatNoException().as("not one JSON object: %s", line).isThrownBy(() -> {
					JsonNode node = this.json.readTree(line);
					assertThat(node.isObject()).isTrue();
				});
			}
			assertThat(lines).anyMatch((line) -> line.contains("Started ChildApplication"));
			assertThat(lines).as("the shutdown is logged too").anyMatch((line) -> line.contains("\"level\""));
		}
	}

	@Test
	void exitsWithinTheShutdownTimeoutWhileNobodyReadsStandardOutputAndReportsTheLostEvents() throws Exception {
		try (ChildJvm child = ChildJvm.start(false, "--child.flood=true",
				"--observability.logging.async.shutdown-timeout=2s")) {
			await().atMost(START).until(() -> child.progress().contains("STALLED"));
			Duration exit = child.terminate(Duration.ofSeconds(40));
			assertThat(exit).as("exit after SIGTERM with standard output stuck (stderr: %s)", child.stderr()).isNotNull();
			assertThat(exit).as("exit after SIGTERM (stderr: %s)", child.stderr()).isLessThan(Duration.ofSeconds(2 + 10));
			assertThat(child.stderr()).containsPattern(
					"\"message\":\"[1-9][0-9]* log events could not be written: the log sink did not take them within 2000 ms of shutdown");
		}
	}

	@Test
	void exitsWithinTheShutdownTimeoutWhenStandardOutputAndStandardErrorAreBothStuck() throws Exception {
		try (ChildJvm child = ChildJvm.start(false, true, "--child.flood=true",
				"--observability.logging.async.shutdown-timeout=2s")) {
			await().atMost(START).until(() -> child.progress().contains("STALLED"));
			Duration exit = child.terminate(Duration.ofSeconds(40));
			assertThat(exit).as("exit after SIGTERM with both streams stuck").isNotNull().isLessThan(Duration.ofSeconds(2 + 10));
		}
	}

	@Test
	void exitsWithinTheSpanExportShutdownTimeoutWhenTheCollectorIsDown() throws Exception {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		try (ChildJvm child = ChildJvm.start(true, "--child.spans=200", "--management.tracing.sampling.probability=1.0",
				"--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:" + deadPort + "/v1/traces",
				"--management.opentelemetry.tracing.export.schedule-delay=1h",
				"--observability.tracing.shutdown-timeout=1s")) {
			await().atMost(START).until(() -> child.progress().contains("READY"));
			assertThat(child.progress()).contains("SPANS");
			Duration exit = child.terminate(Duration.ofSeconds(40));
			assertThat(exit).as("exit after SIGTERM").isNotNull();
			assertThat(exit).isLessThan(Duration.ofSeconds(1 + 4));
			assertThat(child.stdoutLines()).anyMatch((line) -> line.contains("Span export did not finish within observability.tracing.shutdown-timeout=1000ms"));
		}
	}


}
