package dev.observability.autoconfigure.http;

import java.time.Duration;
import java.util.Collection;

/**
 * Contributes latency boundaries that must exist as exact buckets ({@code le}) of the
 * {@code http.server.requests} histogram, e.g. the thresholds of latency SLOs. Define a bean of this type;
 * every contributor's boundaries are added to the configured ones.
 */
@FunctionalInterface
public interface ServerRequestBucketsContributor {

	/** Boundaries to add as histogram buckets. */
	Collection<Duration> serverRequestBuckets();

}
