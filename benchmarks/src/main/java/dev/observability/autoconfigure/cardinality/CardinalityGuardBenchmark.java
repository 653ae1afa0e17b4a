package dev.observability.autoconfigure.cardinality;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link CardinalityGuard} filter's decision for an id it already accepted and for a new id of a meter
 * at its limit (denied and counted), and the whole cost of recording on a denied series through the
 * registry, which Micrometer does not cache, so the filter is asked on every recording.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CardinalityGuardBenchmark {

	private static final int MAX_SERIES = 100;

	private MeterFilter filter;

	private Meter.Id accepted;

	private Meter.Id denied;

	private MeterRegistry registry;

	@Setup
	public void setUp() {
		CardinalityGuard guard = new CardinalityGuard(MAX_SERIES);
		this.registry = new SimpleMeterRegistry();
		// a filter of its own, fed directly, and the same kind of filter installed on the registry
		this.filter = guard.filterFor(this.registry);
		for (int i = 0; i < MAX_SERIES; i++) {
			Meter.Id id = id("user-" + i);
			this.filter.accept(id);
		}
		this.accepted = id("user-7");
		this.denied = id("user-" + MAX_SERIES);
		this.registry.config().meterFilter(new CardinalityGuard(MAX_SERIES).filterFor(this.registry));
		for (int i = 0; i < MAX_SERIES; i++) {
			Counter.builder("requests").tag("user", "user-" + i).register(this.registry);
		}
	}

	private static Meter.Id id(String user) {
		return Counter.builder("requests").tag("user", user).register(new SimpleMeterRegistry()).getId();
	}

	@Benchmark
	public MeterFilterReply acceptExistingId() {
		return this.filter.accept(this.accepted);
	}

	@Benchmark
	public MeterFilterReply denyNewIdAtLimit() {
		return this.filter.accept(this.denied);
	}

	/** Builder, id and registry lookup of a series the registry accepted (Micrometer's cache hit). */
	@Benchmark
	public void registryIncrementAccepted() {
		Counter.builder("requests").tag("user", "user-7").register(this.registry).increment();
	}

	/** The same for a denied series: not cached, so the filters run again and a no-op counter is returned. */
	@Benchmark
	public void registryIncrementDenied() {
		Counter.builder("requests").tag("user", "user-100").register(this.registry).increment();
	}

}
