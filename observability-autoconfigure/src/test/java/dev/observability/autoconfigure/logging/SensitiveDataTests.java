package dev.observability.autoconfigure.logging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SensitiveDataTests {

	private final LoggingProperties.Mask defaults = new LoggingProperties().getMask();

	private final SensitiveData sensitiveData = new SensitiveData(this.defaults.getFields(), this.defaults.getPatterns(),
			Map.of(), "****");

	@ParameterizedTest
	@ValueSource(strings = { "password", "secret", "token", "authorization", "cookie", "set-cookie", "api-key",
			"Password", "API_KEY", "apiKey", "X-Api-Key", "db.password", "access_token", "Set-Cookie", "clientSecret" })
	void masksEveryDefaultFieldNameIgnoringCaseAndSeparators(String name) {
		assertThat(this.sensitiveData.isSensitiveField(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "message", "trace_id", "span_id", "request_id", "user", "orderId", "tokens_count" })
	void leavesOrdinaryFieldNamesAlone(String name) {
		assertThat(this.sensitiveData.isSensitiveField(name)).isFalse();
	}

	@Test
	void masksEmailAddresses() {
		assertThat(this.sensitiveData.mask("order for jane.doe+shop@example.co.uk placed"))
			.isEqualTo("order for **** placed");
	}

	@Test
	void masksEveryAddressInAList() {
		assertThat(this.sensitiveData.mask("to: a@example.com, b.c@mail.example.org; x@y")).isEqualTo("to: ****, ****; x@y");
	}

	@Test
	void adversarialInputsCompleteWithoutCatastrophicBacktracking() {
		String noDomain = "a".repeat(200_000) + "@" + "b".repeat(200_000) + "!";
		String dots = "x@" + "a.".repeat(100_000) + "1";
		String digits = "4".repeat(200_000);
		String pairs = "password".repeat(50_000);
		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
			assertThat(this.sensitiveData.mask(noDomain)).isSameAs(noDomain);
			assertThat(this.sensitiveData.mask(dots)).isSameAs(dots);
			this.sensitiveData.mask(digits);
			assertThat(this.sensitiveData.mask(pairs)).isSameAs(pairs);
		});
	}

	@Test
	void masksLuhnValidCardNumbersPlainOrGrouped() {
		assertThat(this.sensitiveData.mask("card 4111111111111111 charged")).isEqualTo("card **** charged");
		assertThat(this.sensitiveData.mask("card 4111 1111 1111 1111 charged")).isEqualTo("card **** charged");
		assertThat(this.sensitiveData.mask("amex 3782-822463-10005")).isEqualTo("amex ****");
	}

	@Test
	void keepsDigitRunsThatFailTheLuhnCheck() {
		assertThat(this.sensitiveData.mask("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
		assertThat(this.sensitiveData.mask("epoch 1700000000000")).isEqualTo("epoch 1700000000000");
	}

	@Test
	void masksJsonWebTokens() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
		assertThat(this.sensitiveData.mask("got " + jwt + " from client")).isEqualTo("got **** from client");
	}

	@Test
	void masksBearerTokens() {
		assertThat(this.sensitiveData.mask("calling with Bearer abc.DEF-123_x/y+z=")).isEqualTo("calling with Bearer ****");
		assertThat(this.sensitiveData.mask("Authorization: bearer s3cr3t")).doesNotContain("s3cr3t");
	}

	@Test
	void masksSensitiveNameValuePairsInsideText() {
		assertThat(this.sensitiveData.mask("login user=bob password=hunter2 ok")).isEqualTo("login user=bob password=**** ok");
		assertThat(this.sensitiveData.mask("{\"api_key\": \"k-123\", \"n\": 1}")).isEqualTo("{\"api_key\": ****, \"n\": 1}");
		assertThat(this.sensitiveData.mask("Cookie: SESSION=abc")).doesNotContain("SESSION=abc");
		assertThat(this.sensitiveData.mask("db_secret:xyz")).isEqualTo("db_secret:****");
	}

	@Test
	void returnsTheSameInstanceWhenNothingMatches() {
		String value = "order 42 placed for customer c-17";
		assertThat(this.sensitiveData.mask(value)).isSameAs(value);
	}

	@Test
	void appliesCustomPatternsAndCustomReplacement() {
		SensitiveData custom = new SensitiveData(List.of("pin"), List.of(), Map.of("iban", "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}"),
				"[masked]");
		assertThat(custom.mask("pay to DE89370400440532013000 pin=1234"))
			.isEqualTo("pay to [masked] pin=[masked]");
		assertThat(custom.mask("mail bob@example.com")).isEqualTo("mail bob@example.com");
	}

	@Test
	void luhnCheckAcceptsKnownTestNumbersOnly() {
		assertThat(SensitiveData.luhnValid("4012888888881881")).isTrue();
		assertThat(SensitiveData.luhnValid("5555 5555 5555 4444")).isTrue();
		assertThat(SensitiveData.luhnValid("5555 5555 5555 4445")).isFalse();
		assertThat(SensitiveData.luhnValid("4111")).isFalse();
	}

}
