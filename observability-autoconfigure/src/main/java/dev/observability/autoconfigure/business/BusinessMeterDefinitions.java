package dev.observability.autoconfigure.business;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import dev.observability.autoconfigure.business.BusinessProperties.MeterType;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The declared business meters, validated once at start-up. A counter that a {@code @BusinessEvent} feeds
 * also accepts the {@code outcome} tag.
 */
public final class BusinessMeterDefinitions {

	private static final Set<String> METER_FIELDS = Set.of("type", "description", "base-unit", "tags");

	private final Map<String, Definition> definitions;

	private final int maxTagValues;

	BusinessMeterDefinitions(BusinessProperties properties) {
		this(properties.getMeters(), properties.getMaxTagValues());
	}

	BusinessMeterDefinitions(Map<String, BusinessProperties.Meter> meters, int maxTagValues) {
		Map<String, Definition> map = new LinkedHashMap<>();
		meters.forEach((name, meter) -> map.put(name, new Definition(name, meter.getType(), meter.getDescription(),
				meter.getBaseUnit(), List.copyOf(meter.getTags()))));
		this.definitions = Collections.unmodifiableMap(map);
		this.maxTagValues = maxTagValues;
	}

	/**
	 * Definitions of the meters declared in the environment. Spring Boot binds a map of objects by the first
	 * name element only, so {@code meters.orders.placed.type} (YAML {@code orders.placed:} without brackets)
	 * would become a meter {@code orders}; the names are therefore read from the environment's property
	 * names, where everything between {@code meters} and the field ({@code type}, {@code description},
	 * {@code base-unit}, {@code tags}) is the meter name, and bound again under bracketed names. Meters only
	 * present in the bound properties (set programmatically) are kept, except the partial ones that are a
	 * prefix of a dotted name.
	 */
	public static BusinessMeterDefinitions of(BusinessProperties properties, Environment environment) {
		Map<String, BusinessProperties.Meter> meters = bindDottedNames(environment);
		properties.getMeters().forEach((name, meter) -> {
			boolean partial = meters.keySet().stream().anyMatch((dotted) -> dotted.startsWith(name + "."));
			if (!partial) {
				meters.putIfAbsent(name, meter);
			}
		});
		BusinessProperties.validate(meters);
		return new BusinessMeterDefinitions(meters, properties.getMaxTagValues());
	}

	static Map<String, BusinessProperties.Meter> bindDottedNames(Environment environment) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(BusinessProperties.PREFIX + ".meters");
		int depth = root.getNumberOfElements();
		Map<String, Object> rewritten = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().filter(root::isAncestorOf).forEach((name) -> {
				int last = name.getNumberOfElements() - 1;
				int field = name.isNumericIndex(last) ? last - 1 : last;
				String fieldName = name.getElement(field, ConfigurationPropertyName.Form.DASHED);
				if (field <= depth || !METER_FIELDS.contains(fieldName)) {
					throw new InvalidConfigurationPropertyValueException(name.toString(),
							iterable.getConfigurationProperty(name).getValue(),
							"a meter field after the meter name: one of type, description, base-unit, tags, e.g. "
									+ BusinessProperties.PREFIX + ".meters.orders.placed.type");
				}
				StringBuilder meter = new StringBuilder();
				for (int i = depth; i < field; i++) {
					meter.append((meter.length() > 0) ? "." : "").append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
				}
				StringBuilder key = new StringBuilder(root.toString()).append('[').append(meter).append("].").append(fieldName);
				if (field != last) {
					key.append('[').append(name.getElement(last, ConfigurationPropertyName.Form.ORIGINAL)).append(']');
				}
				rewritten.putIfAbsent(key.toString(), iterable.getConfigurationProperty(name).getValue());
			});
		}
		if (rewritten.isEmpty()) {
			return new LinkedHashMap<>();
		}
		Binder binder = new Binder(new MapConfigurationPropertySource(rewritten));
		return new LinkedHashMap<>(binder.bind(root, Bindable.mapOf(String.class, BusinessProperties.Meter.class))
			.orElseGet(Map::of));
	}

	/** The definition of a declared meter, or {@code null}. */
	public Definition get(String name) {
		return this.definitions.get(name);
	}

	/** All definitions by name, in declaration order. */
	public Map<String, Definition> all() {
		return this.definitions;
	}

	public int getMaxTagValues() {
		return this.maxTagValues;
	}

	String undeclared(String meter) {
		return "Business meter '" + meter + "' is not declared; declared meters: " + this.definitions.keySet()
				+ ". Declare it under observability.business.meters[" + meter + "]";
	}

	/** One declared meter. */
	public static final class Definition {

		private final String name;

		private final MeterType type;

		private final String description;

		private final String baseUnit;

		private final List<String> declaredTags;

		private volatile List<String> tagKeys;

		Definition(String name, MeterType type, String description, String baseUnit, List<String> declaredTags) {
			this.name = name;
			this.type = type;
			this.description = description;
			this.baseUnit = baseUnit;
			this.declaredTags = declaredTags;
			this.tagKeys = declaredTags;
		}

		public String getName() {
			return this.name;
		}

		public MeterType getType() {
			return this.type;
		}

		public String getDescription() {
			return this.description;
		}

		public String getBaseUnit() {
			return this.baseUnit;
		}

		/** The tag keys declared in configuration. */
		public List<String> getDeclaredTags() {
			return this.declaredTags;
		}

		/** The tag keys a recording may use: the declared ones plus {@code outcome} for event counters. */
		public List<String> getTagKeys() {
			return this.tagKeys;
		}

		/** Whether a {@code @BusinessEvent} feeds this counter (it then has the {@code outcome} tag). */
		public boolean isEventCounter() {
			return this.tagKeys.contains(BusinessMeterNames.OUTCOME);
		}

		synchronized void markEventCounter() {
			if (!this.tagKeys.contains(BusinessMeterNames.OUTCOME)) {
				List<String> keys = new ArrayList<>(this.tagKeys);
				keys.add(BusinessMeterNames.OUTCOME);
				this.tagKeys = List.copyOf(keys);
			}
		}

		String undeclaredTag(String key) {
			return "Tag key '" + key + "' is not declared for business meter '" + this.name + "'; declared keys: "
					+ this.tagKeys + ". Declare it under observability.business.meters[" + this.name + "].tags";
		}

	}

}
