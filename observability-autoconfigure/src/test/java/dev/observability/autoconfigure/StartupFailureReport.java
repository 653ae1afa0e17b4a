package dev.observability.autoconfigure;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The report Spring Boot prints for a start-up failure, computed directly: the first registered failure analyzer
 * (in {@code spring.factories} order, as Boot applies them) that recognises the failure. Tests assert on it
 * instead of starting an application and polling its console output.
 */
public final class StartupFailureReport {

	private StartupFailureReport() {
	}

	/** The description and action Spring Boot would print for {@code failure}. */
	public static String of(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(StartupFailureReport.class.getClassLoader())
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, new StandardEnvironment()),
					FailureHandler.handleMessage((message, ex) -> {
					}));
		return analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.map((analysis) -> "Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n" + analysis.getAction())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no failure analysis for " + failure));
	}

}
