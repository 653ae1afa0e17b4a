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
	void masksCardNumbersWithMixedSingleSeparators() {
		assertThat(this.sensitiveData.mask("card 4111-1111 1111-1111.")).isEqualTo("card ****.");
	}

	@Test
	void longestDigitRunCountsDigitsSeparatedByOneSpaceOrDashAtMost() {
		assertThat(SensitiveData.longestDigitRun("4111 1111-1111 1111")).isEqualTo(16);
		assertThat(SensitiveData.longestDigitRun("4111  1111")).isEqualTo(4);
		assertThat(SensitiveData.longestDigitRun("12 -34")).isEqualTo(2);
		assertThat(SensitiveData.longestDigitRun("4bf92f3577b34da6a3ce929d0e0e4736")).isEqualTo(4);
		assertThat(SensitiveData.longestDigitRun("2026-11-21T06:24:00.497Z")).isEqualTo(8);
		assertThat(SensitiveData.longestDigitRun("no digits")).isZero();
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

	@Test
	void masksCardNumbersOfThirteenAndNineteenDigitsIncludingZerosAndNines() {
		assertThat(this.sensitiveData.mask("card 4909090909092 ok")).isEqualTo("card **** ok");
		assertThat(this.sensitiveData.mask("card 4909090909090000002 ok")).isEqualTo("card **** ok");
		assertThat(SensitiveData.luhnValid("4909090909092")).isTrue();
		assertThat(SensitiveData.luhnValid("4909090909090000002")).isTrue();
		assertThat(SensitiveData.luhnValid("4909090909093")).isFalse();
	}

	@Test
	void longestDigitRunCountsZerosAndNinesAndOneSeparatorBetweenDigits() {
		assertThat(SensitiveData.longestDigitRun("0909 0909-0909 0")).isEqualTo(13);
		assertThat(SensitiveData.longestDigitRun("12  34")).isEqualTo(2);
		assertThat(SensitiveData.longestDigitRun("12 - 34")).isEqualTo(2);
		assertThat(SensitiveData.longestDigitRun("abc")).isZero();
	}

	@Test
	void normalizeKeepsLowerCasedAsciiLettersAndDigitsOnly() {
		assertThat(SensitiveData.normalize("A-Z_a.z 0/9`{:@[")).isEqualTo("azaz09");
	}

	@Test
	void nullAndEmptyValuesAreReturnedAsTheyAre() {
		assertThat(this.sensitiveData.mask(null)).isNull();
		assertThat(this.sensitiveData.mask("")).isEmpty();
		assertThat(this.sensitiveData.isSensitiveField(null)).isFalse();
		SensitiveData noFields = new SensitiveData(List.of(), List.of(), Map.of(), "****");
		assertThat(noFields.isSensitiveField("password")).isFalse();
		assertThat(noFields.mask("password=x")).isEqualTo("password=x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pwd", "db_pwd", "dbPwd", "db2Pwd", "db2pwd", "APIKey", "api.key", "aX", "a_x", "xéPwd" })
	void shortNamesMatchAtTheStartOfAWord(String name) {
		SensitiveData shortNames = new SensitiveData(List.of("pwd", "key", "x"), List.of(), Map.of(), "****");
		assertThat(shortNames.isSensitiveField(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dbpwd", "APIKEY", "monkey", "Monkey", "ax", "AX", "dbPwdx" })
	void shortNamesDoNotMatchInsideAWord(String name) {
		SensitiveData shortNames = new SensitiveData(List.of("pwd", "key", "x"), List.of(), Map.of(), "****");
		assertThat(shortNames.isSensitiveField(name)).isFalse();
	}

	@Test
	void aNonAsciiLetterSeparatesWordsForFieldNamesAsInText() {
		SensitiveData shortNames = new SensitiveData(List.of("pwd"), List.of(), Map.of(), "****");
		assertThat(shortNames.mask("xéPwd=1")).isEqualTo("xéPwd=****");
		assertThat(shortNames.isSensitiveField("xéPwd")).isTrue();
	}

	@Test
	void longNamesMatchAsASuffixInsideAWord() {
		SensitiveData longName = new SensitiveData(List.of("password"), List.of(), Map.of(), "****");
		assertThat(longName.isSensitiveField("userpassword")).isTrue();
		assertThat(longName.mask("userpassword=1")).isEqualTo("userpassword=****");
	}

	@Test
	void pairsNeedANameBeforeTheSeparator() {
		SensitiveData shortOnly = new SensitiveData(List.of("pwd"), List.of(), Map.of(), "****");
		assertThat(shortOnly.mask("pwd=1 x=2")).isEqualTo("pwd=**** x=2");
		SensitiveData longOnly = new SensitiveData(List.of("password"), List.of(), Map.of(), "****");
		assertThat(longOnly.mask("=1, a =2")).isEqualTo("=1, a =2");
		SensitiveData separatorsOnlyName = new SensitiveData(List.of("pwd", "--"), List.of(), Map.of(), "****");
		assertThat(separatorsOnlyName.mask("=1")).isEqualTo("=1");
	}

	@Test
	void masksValuesSplitByALineBreakAtEitherEndOfTheText() {
		assertThat(this.sensitiveData.mask("\njane.doe@exam\nple.com")).isEqualTo("\n****");
		assertThat(this.sensitiveData.mask("\rjane.doe@exam\rple.com")).isEqualTo("\r****");
		assertThat(this.sensitiveData.mask(" jane.doe@exam\r\nple.com")).isEqualTo(" ****");
	}

}
