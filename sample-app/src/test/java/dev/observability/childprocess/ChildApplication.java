package dev.observability.childprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

import dev.observability.autoconfigure.logging.DroppingAsyncAppender;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * An application started as a child JVM by the shutdown and stdout tests: it appends its progress to the file
 * {@code child.progress} (standard output is the JSON log under test, and may be stuck), and on request floods the log
 * ({@code child.flood=true}: reports {@code STALLED} once events are dropped because nobody reads standard
 * output) or ends {@code child.spans} observations (reports {@code SPANS}). Kept outside the sample's package
 * so none of its beans are scanned.
 */
@SpringBootApplication
public class ChildApplication {

	private static final Log logger = LogFactory.getLog(ChildApplication.class);

	private static Path progress;

	public static void main(String[] args) {
		SpringApplication.run(ChildApplication.class, args);
	}

	@Bean
	ApplicationRunner childTasks(Environment environment, ObservationRegistry observations) {
		return (args) -> {
			progress = Path.of(environment.getRequiredProperty("child.progress"));
			int spans = environment.getProperty("child.spans", Integer.class, 0);
			for (int i = 0; i < spans; i++) {
				Observation.createNotStarted("child.work", observations).observe(() -> logger.info("work"));
			}
			if (spans > 0) {
				report("SPANS");
			}
			if (environment.getProperty("child.flood", Boolean.class, false)) {
				Thread flood = new Thread(ChildApplication::flood, "child-flood");
				flood.setDaemon(true);
				flood.start();
			}
			report("READY");
		};
	}

	private static void flood() {
		String padding = "x".repeat(512);
		boolean stalled = false;
		for (long i = 0;; i++) {
			logger.info("flood " + i + " " + padding);
			if (!stalled && DroppingAsyncAppender.totalDropped() > 0) {
				stalled = true;
				report("STALLED");
			}
			if (stalled) {
				LockSupport.parkNanos(1_000_000);
			}
		}
	}

	static void report(String line) {
		try {
			Files.writeString(progress, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
