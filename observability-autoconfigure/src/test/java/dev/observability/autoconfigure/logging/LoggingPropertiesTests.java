package dev.observability.autoconfigure.logging;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LoggingProperties#afterPropertiesSet()} at the edges of what it allows.
 */
class LoggingPropertiesTests {

	private final LoggingProperties properties = new LoggingProperties();

	@Test
	void stackTraceMaxLengthAcceptsTheBoundsThemselves() {
		this.properties.getStackTrace().setMaxLength(DataSize.ofBytes(256));
		assertThatNoException().isThrownBy(this.properties::afterPropertiesSet);
		this.properties.getStackTrace().setMaxLength(DataSize.ofBytes(Integer.MAX_VALUE));
		assertThatNoException().isThrownBy(this.properties::afterPropertiesSet);
	}

	@Test
	void stackTraceMaxLengthOutsideTheBoundsFailsNamingTheKey() {
		for (long bytes : new long[] { 255, Integer.MAX_VALUE + 1L }) {
			this.properties.getStackTrace().setMaxLength(DataSize.ofBytes(bytes));
			assertThatThrownBy(this.properties::afterPropertiesSet)
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("observability.logging.stack-trace.max-length")
				.hasMessageContaining("a size between 256B and 2GB");
		}
	}

	@Test
	void aMissingFieldNameFailsNamingItsIndex() {
		this.properties.getMask().setFields(Arrays.asList("password", null));
		assertThatThrownBy(this.properties::afterPropertiesSet)
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("observability.logging.mask.fields[1]");
	}

	@Test
	void anInvalidCustomPatternFailsWithTheRegexError() {
		this.properties.getMask().getCustomPatterns().put("iban", "[A-Z");
		assertThatThrownBy(this.properties::afterPropertiesSet)
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("observability.logging.mask.custom-patterns.iban")
			.hasMessageContaining("Unclosed character class");
	}

	@Test
	void boundCustomPatternsReachTheMaskingRules() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("observability.logging.mask.custom-patterns.iban",
					"DE[0-9]{20}")));
		SensitiveData sensitiveData = LoggingSettings.from(environment).sensitiveData();
		assertThat(sensitiveData.mask("pay DE89370400440532013000 now")).isEqualTo("pay **** now");
	}

}
