package dev.observability.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What IntelliJ and VS Code read from the generated {@code META-INF/spring-configuration-metadata.json}: map
 * properties carry their value type (the IDEs offer that type's properties below a key), map keys and scalar
 * values have hints, and the {@code slo} health switch is described.
 */
class ConfigurationMetadataTests {

	private static final String MAP_OF_STRING = "java.util.Map<java.lang.String,";

	private final JsonNode metadata = metadata();

	@Test
	void sloObjectivesOfferExactlyTheDocumentedSubKeysThroughTheirValueType() throws Exception {
		Class<?> valueType = mapValueType("observability.slo.objectives");
		assertThat(valueType.getName()).isEqualTo("dev.observability.autoconfigure.slo.SloProperties$Objective");
		assertThat(bindableKeys(valueType, ""))
			.containsExactlyInAnyOrderElementsOf(documentedSubKeys("observability\\.slo\\.objectives\\.<name>\\."))
			.contains("type", "threshold", "match.uri", "match.method");
	}

	@Test
	void businessMetersOfferExactlyTheDocumentedSubKeysThroughTheirValueType() throws Exception {
		Class<?> valueType = mapValueType("observability.business.meters");
		assertThat(valueType.getName()).isEqualTo("dev.observability.autoconfigure.business.BusinessProperties$Meter");
		assertThat(bindableKeys(valueType, ""))
			.containsExactlyInAnyOrderElementsOf(documentedSubKeys("observability\\.business\\.meters\\[<name>\\]\\."))
			.contains("type", "base-unit", "tags");
	}

	@Test
	void mapKeysAndFreeFormValuesHaveHintsThatAllowAnyValue() {
		assertThat(hintValues("observability.slo.objectives.keys")).contains("checkout-availability");
		assertThat(hintValues("observability.business.meters.keys")).contains("orders.placed");
		assertThat(hintValues("observability.logging.mask.custom-patterns.keys")).contains("iban");
		assertThat(hintValues("observability.logging.mask.custom-patterns.values")).singleElement()
			.satisfies((regex) -> assertThat(Pattern.compile(regex).matcher("DE44500105175407324931").matches()).isTrue());
		for (String name : List.of("observability.slo.objectives.keys", "observability.business.meters.keys",
				"observability.logging.mask.custom-patterns.keys", "observability.logging.mask.custom-patterns.values")) {
			assertThat(hint(name).get("providers")).as(name)
				.anySatisfy((provider) -> assertThat(provider.get("name").asString()).isEqualTo("any"));
		}
		assertThat(property("observability.logging.mask.custom-patterns").get("type").asString())
			.isEqualTo(MAP_OF_STRING + "java.lang.String>");
	}

	@Test
	void theSloHealthSwitchIsABooleanDefaultingToTrue() {
		JsonNode property = property("management.health.slo.enabled");
		assertThat(property.get("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(property.get("defaultValue").asBoolean()).isTrue();
		assertThat(property.get("description").asString()).startsWith("Whether");
	}

	private Class<?> mapValueType(String name) throws ClassNotFoundException {
		String type = property(name).get("type").asString();
		assertThat(type).as(name).startsWith(MAP_OF_STRING).endsWith(">");
		return ClassUtils.forName(type.substring(MAP_OF_STRING.length(), type.length() - 1), null);
	}

	/** The keys the binder accepts below a map key, in kebab case, nested types of the starter flattened. */
	private static List<String> bindableKeys(Class<?> type, String prefix) {
		List<String> keys = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getWriteMethod() == null) {
				continue;
			}
			String key = prefix + descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
			Class<?> propertyType = descriptor.getPropertyType();
			if (propertyType.getName().startsWith("dev.observability.") && !propertyType.isEnum()) {
				keys.addAll(bindableKeys(propertyType, key + "."));
			}
			else {
				keys.add(key);
			}
		}
		return keys;
	}

	private static List<String> documentedSubKeys(String prefixRegex) throws IOException {
		Matcher matcher = Pattern.compile("`" + prefixRegex + "([a-z.-]+)`").matcher(Files.readString(Path.of("..", "README.md")));
		List<String> keys = new ArrayList<>();
		while (matcher.find()) {
			if (!keys.contains(matcher.group(1))) {
				keys.add(matcher.group(1));
			}
		}
		return keys;
	}

	private JsonNode property(String name) {
		return StreamSupport.stream(this.metadata.get("properties").spliterator(), false)
			.filter((property) -> property.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no metadata for " + name));
	}

	private JsonNode hint(String name) {
		return StreamSupport.stream(this.metadata.get("hints").spliterator(), false)
			.filter((hint) -> hint.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no hint for " + name));
	}

	private List<String> hintValues(String name) {
		return StreamSupport.stream(hint(name).get("values").spliterator(), false)
			.map((value) -> value.get("value").asString())
			.toList();
	}

	private static JsonNode metadata() {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("spring-configuration-metadata.json generated by the configuration processor").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
