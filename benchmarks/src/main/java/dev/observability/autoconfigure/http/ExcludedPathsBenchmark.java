package dev.observability.autoconfigure.http;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ExcludedPaths#matches(String)}, asked once per request by the tracing headers filter, the access
 * log and the observation predicate, with the default pattern {@code /actuator/**}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ExcludedPathsBenchmark {

	private final ExcludedPaths excludedPaths = new ExcludedPaths(List.of("/actuator/**"));

	private String excluded = "/actuator/prometheus";

	private String included = "/api/orders/42";

	@Benchmark
	public boolean excludedPath() {
		return this.excludedPaths.matches(this.excluded);
	}

	@Benchmark
	public boolean includedPath() {
		return this.excludedPaths.matches(this.included);
	}

}
