package dev.observability.autoconfigure.business;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.observability.autoconfigure.business.BusinessMeterDefinitions.Definition;
import dev.observability.autoconfigure.business.BusinessProperties.MeterType;
import dev.observability.business.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * {@link BusinessMetrics} over a {@link MeterRegistry}. Every recording carries every tag key of its meter
 * (a key not given, or given a null value, records {@code none}), so all series of a meter share one label
 * set as Prometheus requires. Each tag's values are capped by a {@link TagValueLimiter}. Declared meters
 * without tags are registered once all singletons exist, so they are scraped at 0 before their first use;
 * meters with tags appear on first use. A gauge keeps one strongly referenced holder per tag combination.
 */
public class DefaultBusinessMetrics implements BusinessMetrics, SmartInitializingSingleton {

	private final BusinessMeterDefinitions definitions;

	private final MeterRegistry registry;

	private final Map<Definition, Map<String, TagValueLimiter>> limiters = new ConcurrentHashMap<>();

	private final Map<GaugeKey, GaugeHolder> gauges = new ConcurrentHashMap<>();

	public DefaultBusinessMetrics(BusinessMeterDefinitions definitions, MeterRegistry registry) {
		this.definitions = definitions;
		this.registry = registry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		registerDeclaredMeters();
	}

	/** Registers every declared meter that has no declared tags, at 0. */
	public void registerDeclaredMeters() {
		for (Definition definition : this.definitions.all().values()) {
			if (!definition.getDeclaredTags().isEmpty()) {
				continue;
			}
			switch (definition.getType()) {
				case COUNTER -> {
					if (definition.isEventCounter()) {
						counter(definition, Tags.of(BusinessMeterNames.OUTCOME, BusinessMeterNames.SUCCESS));
						counter(definition, Tags.of(BusinessMeterNames.OUTCOME, BusinessMeterNames.FAILURE));
					}
					else {
						counter(definition, Tags.empty());
					}
				}
				case TIMER -> timer(definition, Tags.empty());
				case SUMMARY -> summary(definition, Tags.empty());
				case GAUGE -> gauge(definition, Tags.empty());
			}
		}
	}

	@Override
	public void increment(String meter, double amount, String... tags) {
		Definition definition = definition(meter, MeterType.COUNTER, "increment(String, double, String...)");
		if (!(amount >= 0)) {
			throw new IllegalArgumentException(
					"Counter '" + meter + "' can only be incremented by a non-negative amount, not " + amount);
		}
		counter(definition, tags(definition, tags)).increment(amount);
	}

	@Override
	public void record(String meter, Duration duration, String... tags) {
		Definition definition = definition(meter, MeterType.TIMER, "record(String, Duration, String...)");
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException(
					"Timer '" + meter + "' can only record a non-negative duration, not " + duration);
		}
		timer(definition, tags(definition, tags)).record(duration);
	}

	@Override
	public void record(String meter, double amount, String... tags) {
		Definition definition = definition(meter, MeterType.SUMMARY, "record(String, double, String...)");
		summary(definition, tags(definition, tags)).record(amount);
	}

	@Override
	public void set(String meter, double value, String... tags) {
		Definition definition = definition(meter, MeterType.GAUGE, "set(String, double, String...)");
		gauge(definition, tags(definition, tags)).value = value;
	}

	private Definition definition(String meter, MeterType expected, String method) {
		Definition definition = this.definitions.get(meter);
		if (definition == null) {
			throw new IllegalArgumentException(this.definitions.undeclared(meter));
		}
		if (definition.getType() != expected) {
			throw new IllegalArgumentException("Business meter '" + meter + "' is declared as a "
					+ name(definition.getType()) + ", not a " + name(expected) + ": " + method + " records only a "
					+ name(expected) + "; record a " + name(definition.getType()) + " with "
					+ methodFor(definition.getType()));
		}
		return definition;
	}

	private static String name(MeterType type) {
		return type.name().toLowerCase();
	}

	private static String methodFor(MeterType type) {
		return switch (type) {
			case COUNTER -> "increment(String, String...)";
			case GAUGE -> "set(String, double, String...)";
			case TIMER -> "record(String, Duration, String...)";
			case SUMMARY -> "record(String, double, String...)";
		};
	}

	/** The full, capped tag set of a recording. */
	Tags tags(Definition definition, String[] keyValues) {
		List<String> keys = definition.getTagKeys();
		if (keyValues == null) {
			keyValues = new String[0];
		}
		if (keyValues.length % 2 != 0) {
			throw new IllegalArgumentException("Tags of business meter '" + definition.getName()
					+ "' must be key/value pairs, but " + keyValues.length + " strings were given: "
					+ Arrays.toString(keyValues));
		}
		if (keys.isEmpty()) {
			if (keyValues.length > 0) {
				throw new IllegalArgumentException(definition.undeclaredTag(keyValues[0]));
			}
			return Tags.empty();
		}
		String[] values = new String[keys.size()];
		for (int i = 0; i < keyValues.length; i += 2) {
			int index = keys.indexOf(keyValues[i]);
			if (index < 0) {
				throw new IllegalArgumentException(definition.undeclaredTag(keyValues[i]));
			}
			values[index] = keyValues[i + 1];
		}
		List<Tag> tags = new ArrayList<>(keys.size());
		for (int i = 0; i < values.length; i++) {
			String key = keys.get(i);
			String value = (values[i] != null) ? values[i] : BusinessMeterNames.NONE;
			tags.add(Tag.of(key, limiter(definition, key).limit(value)));
		}
		return Tags.of(tags);
	}

	private TagValueLimiter limiter(Definition definition, String key) {
		Map<String, TagValueLimiter> byKey = this.limiters.get(definition);
		if (byKey == null) {
			byKey = this.limiters.computeIfAbsent(definition, (d) -> new ConcurrentHashMap<>());
		}
		TagValueLimiter limiter = byKey.get(key);
		if (limiter == null) {
			limiter = byKey.computeIfAbsent(key, (k) -> new TagValueLimiter(this.definitions.getMaxTagValues(),
					Counter.builder(BusinessMeterNames.TAG_OVERFLOW)
						.description("Recordings of a business meter whose tag value was replaced by OTHER at the cap")
						.tag(BusinessMeterNames.METER_TAG, definition.getName())
						.tag(BusinessMeterNames.TAG_TAG, key)
						.register(this.registry)));
		}
		return limiter;
	}

	private Counter counter(Definition definition, Tags tags) {
		return Counter.builder(definition.getName())
			.description(definition.getDescription())
			.baseUnit(definition.getBaseUnit())
			.tags(tags)
			.register(this.registry);
	}

	private Timer timer(Definition definition, Tags tags) {
		return Timer.builder(definition.getName()).description(definition.getDescription()).tags(tags).register(this.registry);
	}

	private DistributionSummary summary(Definition definition, Tags tags) {
		return DistributionSummary.builder(definition.getName())
			.description(definition.getDescription())
			.baseUnit(definition.getBaseUnit())
			.tags(tags)
			.register(this.registry);
	}

	private GaugeHolder gauge(Definition definition, Tags tags) {
		GaugeKey key = new GaugeKey(definition.getName(), tags);
		GaugeHolder holder = this.gauges.get(key);
		if (holder == null) {
			holder = this.gauges.computeIfAbsent(key, (k) -> {
				GaugeHolder created = new GaugeHolder();
				Gauge.builder(definition.getName(), created, GaugeHolder::value)
					.description(definition.getDescription())
					.baseUnit(definition.getBaseUnit())
					.tags(tags)
					.strongReference(true)
					.register(this.registry);
				return created;
			});
		}
		return holder;
	}

	private record GaugeKey(String name, Tags tags) {
	}

	/** Current value of one gauge series; held strongly by the map and the gauge. */
	static final class GaugeHolder {

		volatile double value;

		double value() {
			return this.value;
		}

	}

}
