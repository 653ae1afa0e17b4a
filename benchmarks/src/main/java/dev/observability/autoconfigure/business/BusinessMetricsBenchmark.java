package dev.observability.autoconfigure.business;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link DefaultBusinessMetrics#increment} of a counter with two declared tags on a
 * {@link SimpleMeterRegistry}: tag values already seen, and a new value past the cap that becomes
 * {@code OTHER}; and the {@link TagValueLimiter} on its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class BusinessMetricsBenchmark {

	private static final int MAX_TAG_VALUES = 100;

	private DefaultBusinessMetrics metrics;

	private TagValueLimiter limiter;

	private String[] newValues;

	private int next;

	@Setup
	public void setUp() {
		BusinessProperties.Meter placed = new BusinessProperties.Meter();
		placed.setType(BusinessProperties.MeterType.COUNTER);
		placed.setDescription("Orders placed");
		placed.setTags(List.of("channel", "currency"));
		BusinessMeterDefinitions definitions = new BusinessMeterDefinitions(Map.of("orders.placed", placed),
				MAX_TAG_VALUES);
		MeterRegistry registry = new SimpleMeterRegistry();
		this.metrics = new DefaultBusinessMetrics(definitions, registry);
		this.metrics.registerDeclaredMeters();
		// fill the channel tag up to its cap
		for (int i = 0; i < MAX_TAG_VALUES; i++) {
			this.metrics.increment("orders.placed", 1, "channel", "channel-" + i, "currency", "EUR");
		}
		this.limiter = new TagValueLimiter(MAX_TAG_VALUES, Counter.builder("overflow").register(registry));
		for (int i = 0; i < MAX_TAG_VALUES; i++) {
			this.limiter.limit("value-" + i);
		}
		// distinct values never seen, created up front so the benchmark does not measure their creation
		this.newValues = new String[1024];
		for (int i = 0; i < this.newValues.length; i++) {
			this.newValues[i] = "new-" + i;
		}
	}

	private String newValue() {
		return this.newValues[this.next++ & (this.newValues.length - 1)];
	}

	@Benchmark
	public void incrementSeenValue() {
		this.metrics.increment("orders.placed", 1, "channel", "channel-7", "currency", "EUR");
	}

	@Benchmark
	public void incrementNewValuePastCap() {
		this.metrics.increment("orders.placed", 1, "channel", newValue(), "currency", "EUR");
	}

	@Benchmark
	public String limiterSeenValue() {
		return this.limiter.limit("value-7");
	}

	@Benchmark
	public String limiterNewValuePastCap() {
		return this.limiter.limit(newValue());
	}

}
