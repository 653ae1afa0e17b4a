package dev.observability.autoconfigure.tracing;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeIdsTests {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9\\-_.:+/=]{8,128}");

	@ParameterizedTest
	@ValueSource(strings = { "req-1234", "0af7651916cd43dd8448eb211c80319c", "a:b+c/d=e_f.g-h",
			"YWJjZGVmZ2hpamtsbW5vcA==" })
	void keepsSafeRequestIds(String id) {
		assertThat(SafeIds.isValidRequestId(id)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "short", "abc\r\nSet-Cookie: x=1", "id with spaces", "\"quoted-id\"", "{\"json\":1}",
			"caf\u00e9-123456", "nul\u0000-123456", "line\u2028sep-1234", "<script>alert(1)</script>" })
	void rejectsUnsafeRequestIds(String id) {
		assertThat(SafeIds.isValidRequestId(id)).isFalse();
	}

	@Test
	void capsTheLength() {
		assertThat(SafeIds.isValidRequestId("a".repeat(128))).isTrue();
		assertThat(SafeIds.isValidRequestId("a".repeat(129))).isFalse();
		assertThat(SafeIds.isValidRequestId("a".repeat(10 * 1024))).isFalse();
		assertThat(SafeIds.isValidRequestId(null)).isFalse();
	}

	@Test
	void agreesWithTheDocumentedPatternOnRandomInput() {
		Random random = new Random(4242);
		char[] alphabet = "aZ09-_.:+/=\r\n\u0000 \"'{}<>\\\u00e9\u2028\u2029\u0085\uD83D\uDE00%;,".toCharArray();
		for (int i = 0; i < 20_000; i++) {
			int length = random.nextInt(140);
			StringBuilder builder = new StringBuilder(length);
			for (int j = 0; j < length; j++) {
				builder.append(alphabet[random.nextInt(alphabet.length)]);
			}
			String candidate = builder.toString();
			assertThat(SafeIds.isValidRequestId(candidate)).as("%s", candidate).isEqualTo(SAFE.matcher(candidate).matches());
		}
	}

	@Test
	void generatedIdsAreSixteenHexCharactersAndValid() {
		for (int i = 0; i < 1000; i++) {
			String id = SafeIds.newRequestId();
			assertThat(id).matches("[0-9a-f]{16}");
			assertThat(SafeIds.isValidRequestId(id)).isTrue();
		}
	}

	@Test
	void baggageValuesMayBeShortButNotUnsafe() {
		assertThat(SafeIds.isValidBaggageValue("eu")).isTrue();
		assertThat(SafeIds.isValidBaggageValue("")).isFalse();
		assertThat(SafeIds.isValidBaggageValue("a b")).isFalse();
		assertThat(SafeIds.isValidBaggageValue("x".repeat(129))).isFalse();
	}

}
