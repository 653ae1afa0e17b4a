package dev.observability.autoconfigure.messaging;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.DoubleStream;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Makes the thresholds of the message latency objectives exact buckets ({@code le}): those of
 * {@code message-processing-latency} objectives on {@code spring.kafka.listener}, those of
 * {@code message-latency} objectives on {@code messaging.end.to.end.latency}, so each SLI can also be read from
 * the histogram. Buckets configured through {@code management.metrics.distribution.slo.*} are kept.
 */
public class MessagingBucketsMeterFilter implements MeterFilter {

	private final double[] processingNanos;

	private final double[] endToEndNanos;

	public MessagingBucketsMeterFilter(Collection<Duration> processing, Collection<Duration> endToEnd) {
		this.processingNanos = processing.stream().mapToDouble(Duration::toNanos).distinct().sorted().toArray();
		this.endToEndNanos = endToEnd.stream().mapToDouble(Duration::toNanos).distinct().sorted().toArray();
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() != Meter.Type.TIMER) {
			return config;
		}
		if (MessagingMeters.LISTENER.equals(id.getName())) {
			return withBuckets(config, this.processingNanos);
		}
		if (MessagingMeters.END_TO_END_LATENCY.equals(id.getName())) {
			return withBuckets(config, this.endToEndNanos);
		}
		return config;
	}

	private static DistributionStatisticConfig withBuckets(DistributionStatisticConfig config, double[] boundaries) {
		if (boundaries.length == 0) {
			return config;
		}
		TreeSet<Double> merged = new TreeSet<>();
		DoubleStream.of(boundaries).forEach(merged::add);
		double[] existing = config.getServiceLevelObjectiveBoundaries();
		if (existing != null) {
			Arrays.stream(existing).forEach(merged::add);
		}
		double[] all = merged.stream().mapToDouble(Double::doubleValue).toArray();
		return DistributionStatisticConfig.builder().serviceLevelObjectives(all).build().merge(config);
	}

}
