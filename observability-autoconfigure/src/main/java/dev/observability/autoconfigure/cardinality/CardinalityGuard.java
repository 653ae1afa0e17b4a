package dev.observability.autoconfigure.cardinality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Caps the number of series of every meter name at {@code maxSeriesPerMeter}. A meter name keeps its first
 * {@code maxSeriesPerMeter - 1} distinct ids; the last slot is its overflow series: a new id of a counter,
 * timer or distribution summary past that point is mapped to the same id with every tag value replaced by
 * {@code OTHER}, so sums over the meter stay exact, and each such fold is counted in
 * {@code observability.cardinality.overflow{meter}}. Gauges, long-task timers and other meters cannot be
 * added up that way: past the cap they are denied (a no-op meter), counted in
 * {@code observability.cardinality.denied{meter}}. One WARN is logged per name.
 * <p>
 * Each registry gets its own {@link #filterFor(MeterRegistry) filter}, with its own bookkeeping, because a
 * registry's filters see ids as that registry maps them (common tags differ between a composite and its
 * children). Micrometer consults filters only for ids it has not cached: an admitted series costs nothing
 * per recording; a folded or denied id (Micrometer caches only the id that created a meter, so these are
 * never held) costs a few lock-free map reads each time it is looked up.
 */
public class CardinalityGuard {

	/** Counter of lookups of new series folded into the overflow series, tag {@link #METER_TAG}. */
	public static final String OVERFLOW = "observability.cardinality.overflow";

	/** Counter of denied registrations of meters that cannot fold (gauges, ...), tag {@link #METER_TAG}. */
	public static final String DENIED = "observability.cardinality.denied";

	/** Tag of the guard's counters naming the meter whose series was folded or denied. */
	public static final String METER_TAG = "meter";

	private static final Log logger = LogFactory.getLog(CardinalityGuard.class);

	private final int maxSeriesPerMeter;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	public CardinalityGuard(int maxSeriesPerMeter) {
		this.maxSeriesPerMeter = maxSeriesPerMeter;
	}

	public int getMaxSeriesPerMeter() {
		return this.maxSeriesPerMeter;
	}

	/** A new filter guarding the given registry, which also receives that registry's guard counters. */
	public MeterFilter filterFor(MeterRegistry registry) {
		return new CardinalityLimitingMeterFilter(registry);
	}

	private void warnOnce(String name) {
		if (this.warned.add(name)) {
			logger.warn("Meter '" + name + "' reached observability.cardinality.max-series-per-meter="
					+ this.maxSeriesPerMeter + " distinct series; new series of counters, timers and summaries are "
					+ "recorded in its series tagged " + BusinessMetrics.OVERFLOW_TAG_VALUE + " (counted in " + OVERFLOW
					+ "), other new series are dropped (counted in " + DENIED
					+ "). Bound its tag values (an id, a raw path or an email in a tag?) or raise the limit.");
		}
	}

	static boolean folds(Meter.Type type) {
		return type == Meter.Type.COUNTER || type == Meter.Type.TIMER || type == Meter.Type.DISTRIBUTION_SUMMARY;
	}

	static Meter.Id overflowId(Meter.Id id) {
		List<Tag> tags = new ArrayList<>();
		for (Tag tag : id.getTagsAsIterable()) {
			tags.add(Tag.of(tag.getKey(), BusinessMetrics.OVERFLOW_TAG_VALUE));
		}
		return id.replaceTags(tags);
	}

	static boolean isOverflowId(Meter.Id id) {
		for (Tag tag : id.getTagsAsIterable()) {
			if (!BusinessMetrics.OVERFLOW_TAG_VALUE.equals(tag.getValue())) {
				return false;
			}
		}
		return true;
	}

	/** The filter of one registry. */
	final class CardinalityLimitingMeterFilter implements MeterFilter {

		private final MeterRegistry registry;

		private final Map<String, BoundedSet<Meter.Id>> series = new ConcurrentHashMap<>();

		private final GuardCounters overflowCounters;

		private final GuardCounters deniedCounters;

		CardinalityLimitingMeterFilter(MeterRegistry registry) {
			this.registry = registry;
			this.overflowCounters = new GuardCounters(OVERFLOW,
					"Lookups of new series folded into the meter's OTHER series past observability.cardinality.max-series-per-meter");
			this.deniedCounters = new GuardCounters(DENIED,
					"New gauge (or other non-additive) series denied past observability.cardinality.max-series-per-meter");
		}

		@Override
		public Meter.Id map(Meter.Id id) {
			if (!folds(id.getType()) || isGuardCounter(id) || isOverflowId(id) || admit(id)) {
				return id;
			}
			warnOnce(id.getName());
			this.overflowCounters.increment(id.getName());
			return overflowId(id);
		}

		@Override
		public MeterFilterReply accept(Meter.Id id) {
			if (folds(id.getType()) || isGuardCounter(id) || admit(id)) {
				return MeterFilterReply.NEUTRAL;
			}
			warnOnce(id.getName());
			this.deniedCounters.increment(id.getName());
			return MeterFilterReply.DENY;
		}

		private boolean isGuardCounter(Meter.Id id) {
			return OVERFLOW.equals(id.getName()) || DENIED.equals(id.getName());
		}

		private boolean admit(Meter.Id id) {
			BoundedSet<Meter.Id> known = this.series.get(id.getName());
			if (known == null) {
				// the last slot of each name is kept for its overflow series
				known = this.series.computeIfAbsent(id.getName(),
						(key) -> new BoundedSet<>(CardinalityGuard.this.maxSeriesPerMeter - 1));
			}
			return known.admit(id);
		}

		/** One counter per guarded meter name; the meter tag is bounded like any other (then OTHER). */
		private final class GuardCounters {

			private final String name;

			private final String description;

			private final Map<String, Counter> counters = new ConcurrentHashMap<>();

			private final BoundedSet<String> names = new BoundedSet<>(CardinalityGuard.this.maxSeriesPerMeter);

			GuardCounters(String name, String description) {
				this.name = name;
				this.description = description;
			}

			void increment(String meter) {
				Counter counter = this.counters.get(meter);
				if (counter == null) {
					String tag = this.names.admit(meter) ? meter : BusinessMetrics.OVERFLOW_TAG_VALUE;
					counter = Counter.builder(this.name)
						.description(this.description)
						.tag(METER_TAG, tag)
						.register(CardinalityLimitingMeterFilter.this.registry);
					if (tag.equals(meter)) {
						this.counters.putIfAbsent(meter, counter);
					}
				}
				counter.increment();
			}

		}

	}

}
