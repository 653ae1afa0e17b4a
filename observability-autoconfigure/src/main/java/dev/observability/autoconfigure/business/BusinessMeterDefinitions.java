package dev.observability.autoconfigure.business;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.observability.autoconfigure.InvalidPropertyException;
import dev.observability.autoconfigure.business.BusinessProperties.MeterType;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
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
		Map<String, Definition> map = new LinkedHashMap<>();
		properties.getMeters().forEach((name, meter) -> map.put(name, new Definition(name, meter.getType(),
				meter.getDescription(), meter.getBaseUnit(), List.copyOf(meter.getTags()))));
		this.definitions = Collections.unmodifiableMap(map);
		this.maxTagValues = properties.getMaxTagValues();
	}

	/** Definitions of the given properties, checked against the raw property names of the environment. */
	public static BusinessMeterDefinitions of(BusinessProperties properties, Environment environment) {
		checkNoUnknownMeterFields(environment);
		return new BusinessMeterDefinitions(properties);
	}

	/**
	 * A meter name with dots written without brackets ({@code meters.orders.placed.type}) binds a meter
	 * {@code orders} and silently drops {@code placed.type}: report it instead.
	 */
	static void checkNoUnknownMeterFields(Environment environment) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(BusinessProperties.PREFIX + ".meters");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().filter(root::isAncestorOf).forEach((name) -> {
				int depth = root.getNumberOfElements();
				if (name.getNumberOfElements() < depth + 2) {
					return;
				}
				String field = name.getElement(depth + 1, ConfigurationPropertyName.Form.DASHED);
				if (!METER_FIELDS.contains(field)) {
					String dotted = name.getElement(depth, ConfigurationPropertyName.Form.ORIGINAL) + "."
							+ name.getElement(depth + 1, ConfigurationPropertyName.Form.ORIGINAL);
					Object value = iterable.getConfigurationProperty(name).getValue();
					throw new InvalidPropertyException(name.toString(), value,
							"one of type, description, base-unit, tags after the meter name; a meter name with dots"
									+ " goes in brackets, e.g. observability.business.meters[" + dotted
									+ "].type (in YAML the key \"[" + dotted + "]\")");
				}
			});
		}
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
