package dev.observability.autoconfigure.cardinality;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Caps the number of series of every meter name: once a name has {@code maxSeriesPerMeter} distinct ids in
 * a registry, further new ids are denied (they get a no-op meter), one WARN is logged per name and each
 * denial is counted in {@code observability.cardinality.denied{meter}}.
 * <p>
 * Each registry gets its own {@link #filterFor(MeterRegistry) filter}, with its own bookkeeping, because a
 * registry's filters see ids as that registry maps them (common tags differ between a composite and its
 * children). A meter registered through a composite is decided by the composite's filter first: a denied
 * id never reaches the children, so a denial is counted once; an accepted one reaches each child, whose
 * own filter keeps the child within the limit too. Micrometer consults filters only for ids it has not
 * cached, so an accepted series costs nothing per recording; a denied id (not cached by Micrometer) costs a
 * few lock-free map reads each time it is recorded.
 */
public class CardinalityGuard {

	/** Counter of denied registrations, tag {@link #METER_TAG}. */
	public static final String DENIED = "observability.cardinality.denied";

	/** Tag of the denied counter naming the meter whose series was denied. */
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

	/** A new filter guarding the given registry, which also receives that registry's denial counters. */
	public MeterFilter filterFor(MeterRegistry registry) {
		return new CardinalityLimitingMeterFilter(registry);
	}

	private void warnOnce(String name) {
		if (this.warned.add(name)) {
			logger.warn("Meter '" + name + "' reached observability.cardinality.max-series-per-meter="
					+ this.maxSeriesPerMeter + " distinct series; new series of it are dropped and counted in "
					+ DENIED + ". Bound its tag values (an id, a raw path or an email in a tag?) or raise the limit.");
		}
	}

	/** The filter of one registry. */
	final class CardinalityLimitingMeterFilter implements MeterFilter {

		private final MeterRegistry registry;

		private final Map<String, Series> series = new ConcurrentHashMap<>();

		private final Map<String, Counter> deniedCounters = new ConcurrentHashMap<>();

		private final AtomicInteger deniedNames = new AtomicInteger();

		CardinalityLimitingMeterFilter(MeterRegistry registry) {
			this.registry = registry;
		}

		@Override
		public MeterFilterReply accept(Meter.Id id) {
			String name = id.getName();
			if (DENIED.equals(name)) {
				return MeterFilterReply.NEUTRAL;
			}
			Series known = this.series.get(name);
			if (known == null) {
				known = this.series.computeIfAbsent(name, (key) -> new Series());
			}
			if (known.tryAdd(id, CardinalityGuard.this.maxSeriesPerMeter)) {
				return MeterFilterReply.NEUTRAL;
			}
			warnOnce(name);
			deniedCounter(name).increment();
			return MeterFilterReply.DENY;
		}

		private Counter deniedCounter(String name) {
			Counter counter = this.deniedCounters.get(name);
			if (counter != null) {
				return counter;
			}
			// the meter tag is bounded like any other: past the limit, names share the OTHER series
			String tag = name;
			if (this.deniedNames.incrementAndGet() > CardinalityGuard.this.maxSeriesPerMeter) {
				this.deniedNames.decrementAndGet();
				tag = BusinessMetrics.OVERFLOW_TAG_VALUE;
			}
			String meterTag = tag;
			Counter created = Counter.builder(DENIED)
				.description("New series denied because their meter reached observability.cardinality.max-series-per-meter")
				.tag(METER_TAG, meterTag)
				.register(this.registry);
			Counter existing = (meterTag.equals(name)) ? this.deniedCounters.putIfAbsent(name, created) : null;
			return (existing != null) ? existing : created;
		}

	}

	/** The distinct ids of one meter name, never more than the limit. */
	static final class Series {

		private final Set<Meter.Id> ids = ConcurrentHashMap.newKeySet();

		private final AtomicInteger size = new AtomicInteger();

		boolean tryAdd(Meter.Id id, int max) {
			if (this.ids.contains(id)) {
				return true;
			}
			while (true) {
				int current = this.size.get();
				if (current >= max) {
					return this.ids.contains(id);
				}
				if (this.size.compareAndSet(current, current + 1)) {
					break;
				}
			}
			if (!this.ids.add(id)) {
				this.size.decrementAndGet();
			}
			return true;
		}

	}

}
