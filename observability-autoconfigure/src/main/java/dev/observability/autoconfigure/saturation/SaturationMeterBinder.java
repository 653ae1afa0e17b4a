package dev.observability.autoconfigure.saturation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers the uniform {@code saturation} gauge, one series per resource (tag {@code resource}), each a
 * ratio in [0, 1]: {@code jvm.heap}, {@code cpu}, {@code hikari.<pool>} and {@code executor.<bean>}; the web
 * server's and Reactor's entries ({@code tomcat.threads}, {@code tomcat.connections}, {@code jetty.threads},
 * {@code reactor.bounded-elastic}) have binders of their own. Every gauge reads its resource through a function over an object held strongly
 * by this binder; every value is clamped to [0, 1] and an undefined ratio (NaN, a denominator of zero or
 * less) reads as 0, so the scrape never shows NaN, a negative value or a value above 1.
 */
public class SaturationMeterBinder implements MeterBinder {

	/** Name of the gauge. */
	public static final String SATURATION = "saturation";

	/** Tag naming the resource. */
	public static final String RESOURCE_TAG = "resource";

	/** Resource of the JVM heap. */
	public static final String JVM_HEAP = "jvm.heap";

	/** Resource of the process CPU. */
	public static final String CPU = "cpu";

	/** Resource of Tomcat's request thread pool. */
	public static final String TOMCAT_THREADS = "tomcat.threads";

	/** Resource of Tomcat's connection limit. */
	public static final String TOMCAT_CONNECTIONS = "tomcat.connections";

	/** Resource of Jetty's request thread pool. */
	public static final String JETTY_THREADS = "jetty.threads";

	/** Resource of Reactor's shared bounded-elastic scheduler. */
	public static final String REACTOR_BOUNDED_ELASTIC = "reactor.bounded-elastic";

	/** Prefix of a Hikari pool's resource, followed by the sanitized pool name. */
	public static final String HIKARI_PREFIX = "hikari.";

	/** Prefix of a ThreadPoolTaskExecutor's resource, followed by the sanitized bean name. */
	public static final String EXECUTOR_PREFIX = "executor.";

	static final int MAX_NAME_LENGTH = 64;

	private static final String DESCRIPTION = "Utilisation of a resource as a ratio between 0 (idle) and 1 (saturated)";

	private final Supplier<Map<String, ? extends SaturationSource>> pools;

	/**
	 * Creates a binder for the heap, the CPU and the pools the supplier returns (keyed by resource name) when
	 * the binder is bound.
	 */
	public SaturationMeterBinder(Supplier<Map<String, ? extends SaturationSource>> pools) {
		this.pools = pools;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		register(registry, JVM_HEAP, memory, SaturationMeterBinder::heap);
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean processOs) {
			register(registry, CPU, processOs, (bean) -> bean.getProcessCpuLoad());
		}
		Map<String, ? extends SaturationSource> sources = this.pools.get();
		for (Map.Entry<String, ? extends SaturationSource> entry : sources.entrySet()) {
			register(registry, entry.getKey(), entry.getValue(), SaturationSource::saturation);
		}
	}

	static double heap(MemoryMXBean memory) {
		MemoryUsage usage = memory.getHeapMemoryUsage();
		long max = (usage.getMax() > 0) ? usage.getMax() : usage.getCommitted();
		return ratio(usage.getUsed(), max);
	}

	static <T> void register(MeterRegistry registry, String resource, T state, ToDoubleFunction<T> value) {
		Gauge.builder(SATURATION, state, (s) -> clamp(value.applyAsDouble(s)))
			.description(DESCRIPTION)
			.tag(RESOURCE_TAG, resource)
			.strongReference(true)
			.register(registry);
	}

	/** {@code used / max} clamped to [0, 1]; 0 when the ratio is undefined. */
	public static double ratio(double used, double max) {
		if (!(max > 0)) {
			return 0;
		}
		return clamp(used / max);
	}

	/** The value clamped to [0, 1]; NaN and negative values (e.g. "not available") read as 0. */
	public static double clamp(double value) {
		if (Double.isNaN(value) || value < 0) {
			return 0;
		}
		return Math.min(value, 1.0);
	}

	/**
	 * A resource name part made safe and bounded: characters other than letters, digits, '.', '_' and '-'
	 * become '_', and the result is cut to 64 characters.
	 */
	public static String sanitize(String name) {
		String safe = (name == null || name.isEmpty()) ? "unnamed" : name.replaceAll("[^A-Za-z0-9._-]", "_");
		return (safe.length() > MAX_NAME_LENGTH) ? safe.substring(0, MAX_NAME_LENGTH) : safe;
	}

	/** Merges named sources into one map keyed by resource name (the first of two equal names wins). */
	static Map<String, SaturationSource> byResource(String prefix, Map<String, ? extends SaturationSource> sources) {
		Map<String, SaturationSource> result = new LinkedHashMap<>();
		sources.forEach((name, source) -> result.putIfAbsent(prefix + sanitize(name), source));
		return Collections.unmodifiableMap(result);
	}

	/** Something whose saturation can be read as a ratio; implementations clamp nothing themselves. */
	@FunctionalInterface
	public interface SaturationSource {

		/** Current utilisation, ideally in [0, 1]. */
		double saturation();

	}

}
