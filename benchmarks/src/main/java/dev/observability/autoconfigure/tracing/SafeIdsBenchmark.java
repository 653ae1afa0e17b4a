package dev.observability.autoconfigure.tracing;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Request id handling done on every request: validating an inbound {@code X-Request-Id} (a typical UUID and
 * a hostile 10 KB value with CR/LF) and generating one when none is valid.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SafeIdsBenchmark {

	private String valid = "3f2b8c1e-9a4d-4e7b-8c2f-1d5e6a7b8c9d";

	private String hostile = "x".repeat(5 * 1024) + "\r\nSet-Cookie: a=b\r\n" + "y".repeat(5 * 1024);

	/** Hostile content within the length cap: the scan has to reach the CR to reject it. */
	private String hostileShort = "req-123456789012345678901234567890\r\n{\"level\":\"ERROR\"}";

	@Benchmark
	public boolean validateValidId() {
		return SafeIds.isValidRequestId(this.valid);
	}

	@Benchmark
	public boolean validateHostile10KbId() {
		return SafeIds.isValidRequestId(this.hostile);
	}

	@Benchmark
	public boolean validateHostileShortId() {
		return SafeIds.isValidRequestId(this.hostileShort);
	}

	@Benchmark
	public String generateId() {
		return SafeIds.newRequestId();
	}

}
