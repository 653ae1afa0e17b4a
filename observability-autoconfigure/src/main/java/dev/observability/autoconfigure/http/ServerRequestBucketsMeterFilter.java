package dev.observability.autoconfigure.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.DoubleStream;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Adds exact buckets to the {@code http.server.requests} timer: the configured SLO buckets, the Apdex
 * threshold T and 4T, and every {@link ServerRequestBucketsContributor}'s boundaries. Buckets configured
 * through {@code management.metrics.distribution.slo.http.server.requests} are kept: the two sets are
 * joined. Only the timer is touched, never the {@code http.server.requests.active} long-task timer.
 */
public class ServerRequestBucketsMeterFilter implements MeterFilter {

	/** Name of the server request timer Spring Boot registers. */
	public static final String SERVER_REQUESTS = "http.server.requests";

	private final double[] boundariesNanos;

	public ServerRequestBucketsMeterFilter(Collection<Duration> boundaries) {
		this.boundariesNanos = boundaries.stream().mapToDouble(Duration::toNanos).distinct().sorted().toArray();
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() != Meter.Type.TIMER || !SERVER_REQUESTS.equals(id.getName())) {
			return config;
		}
		double[] existing = config.getServiceLevelObjectiveBoundaries();
		TreeSet<Double> merged = new TreeSet<>();
		DoubleStream.of(this.boundariesNanos).forEach(merged::add);
		if (existing != null) {
			Arrays.stream(existing).forEach(merged::add);
		}
		double[] all = merged.stream().mapToDouble(Double::doubleValue).toArray();
		return DistributionStatisticConfig.builder().serviceLevelObjectives(all).build().merge(config);
	}

	/** The boundaries this filter adds, in seconds, ascending. */
	public double[] boundariesSeconds() {
		return DoubleStream.of(this.boundariesNanos).map((nanos) -> nanos / 1e9).toArray();
	}

}
