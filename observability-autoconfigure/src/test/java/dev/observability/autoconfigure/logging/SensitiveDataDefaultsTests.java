package dev.observability.autoconfigure.logging;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The default masking rules against a table of leaks (the value must go) and false positives (ordinary text
 * must stay as it was), in text and as field names.
 */
class SensitiveDataDefaultsTests {

	private static final LoggingProperties.Mask DEFAULTS = new LoggingProperties().getMask();

	private final SensitiveData sensitiveData = new SensitiveData(DEFAULTS.getFields(), DEFAULTS.getPatterns(), Map.of(),
			"****");

	static Stream<Arguments> text() {
		return Stream.of(
				// spellings of passwords
				arguments("login pwd=hunter2 ok", "login pwd=**** ok"),
				arguments("login passwd=hunter2 ok", "login passwd=**** ok"),
				arguments("login pass=hunter2 ok", "login pass=**** ok"),
				arguments("login password: hunter2", "login password: ****"),
				arguments("DB_PASSWORD=hunter2", "DB_PASSWORD=****"),
				arguments("dbPass=hunter2", "dbPass=****"),
				arguments("mysql_pwd=hunter2", "mysql_pwd=****"),
				arguments("passphrase='correct horse'", "passphrase=****"),
				arguments("{\"userPassword\":\"hunter2\"}", "{\"userPassword\":****}"),
				// secrets and keys
				arguments("client_secret=s3cr3t&grant_type=client_credentials", "client_secret=****&grant_type=client_credentials"),
				arguments("aws_secret_access_key=AKIA123", "aws_secret_access_key=****"),
				arguments("secret_key: abc", "secret_key: ****"),
				arguments("private_key=-----BEGIN", "private_key=****"),
				arguments("privateKey=abc", "privateKey=****"),
				arguments("api_key=k-1", "api_key=****"),
				arguments("apikey=k-1", "apikey=****"),
				arguments("X-API-Key: k-1", "X-API-Key: ****"),
				arguments("x-api-key=k-1", "x-api-key=****"),
				arguments("{\"APIKey\": \"k-1\"}", "{\"APIKey\": ****}"),
				// tokens
				arguments("access_token=ya29.a0 ok", "access_token=**** ok"),
				arguments("refresh_token=1//0g ok", "refresh_token=**** ok"),
				arguments("id_token=abc ok", "id_token=**** ok"),
				arguments("{\"accessToken\":\"abc\"}", "{\"accessToken\":****}"),
				arguments("csrftoken=abc", "csrftoken=****"),
				arguments("XSRF-TOKEN=abc", "XSRF-TOKEN=****"),
				arguments("oauth2token=abc", "oauth2token=****"),
				// auth, credentials, sessions, cookies
				arguments("Authorization: Basic dXNlcjpwYXNz", "Authorization: ****"),
				arguments("auth=abc", "auth=****"),
				arguments("basic_auth=abc", "basic_auth=****"),
				arguments("credentials=abc", "credentials=****"),
				arguments("session=abc123", "session=****"),
				arguments("sessionid=abc123", "sessionid=****"),
				arguments("JSESSIONID=abc123", "JSESSIONID=****"),
				arguments("session_id: abc123", "session_id: ****"),
				arguments("Cookie: theme=dark", "Cookie: ****"),
				arguments("Set-Cookie: SESSION=abc", "Set-Cookie: ****"),
				// values split by line breaks
				arguments("mail jane.doe@exam\nple.com now", "mail **** now"),
				arguments("mail jane.doe@\r\nexample.com now", "mail **** now"),
				arguments("mail jane.doe@example.\ncom now", "mail **** now"),
				arguments("card 4111 1111\n1111 1111 ok", "card **** ok"),
				arguments("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0\n.sig ok", "jwt **** ok"),
				arguments("password=\nhunter2", "password=\n****"),
				// values that are not secrets stay
				arguments("compass=north", "compass=north"),
				arguments("bypass=true", "bypass=true"),
				arguments("passenger=3", "passenger=3"),
				arguments("author=Jane", "author=Jane"),
				arguments("oauth=enabled later", "oauth=enabled later"),
				arguments("passwordless=true", "passwordless=true"),
				arguments("tokens_count=3", "tokens_count=3"),
				arguments("sessions: 4", "sessions: 4"),
				arguments("password reset requested for user 42", "password reset requested for user 42"),
				arguments("the session expired", "the session expired"),
				arguments("line one\nline two: 5", "line one\nline two: 5"),
				arguments("order 4111\n42 shipped", "order 4111\n42 shipped"),
				arguments("mail sent\nto the team.", "mail sent\nto the team."),
				arguments("pwdHint=first pet", "pwdHint=first pet"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("text")
	void masksSecretsAndLeavesOrdinaryTextAlone(String input, String expected) {
		assertThat(this.sensitiveData.mask(input)).isEqualTo(expected);
	}

	static Stream<Arguments> fieldNames() {
		return Stream.of(arguments("pwd", true), arguments("passwd", true), arguments("pass", true),
				arguments("db_pass", true), arguments("dbPass", true), arguments("DB-PASS", true),
				arguments("client_secret", true), arguments("clientSecret", true), arguments("access_token", true),
				arguments("refresh_token", true), arguments("id_token", true), arguments("private_key", true),
				arguments("api_key", true), arguments("apikey", true), arguments("X-Api-Key", true),
				arguments("credentials", true), arguments("session", true), arguments("sessionid", true),
				arguments("JSESSIONID", true), arguments("auth", true), arguments("proxy-auth", true),
				arguments("compass", false), arguments("bypass", false), arguments("passenger", false),
				arguments("author", false), arguments("oauth", false), arguments("pwdHint", false),
				arguments("message", false), arguments("request_id", false), arguments("sessions", false));
	}

	@ParameterizedTest(name = "[{index}] {0} sensitive: {1}")
	@MethodSource("fieldNames")
	void knowsSensitiveFieldNamesByWholeWordsOfTheName(String name, boolean sensitive) {
		assertThat(this.sensitiveData.isSensitiveField(name)).isEqualTo(sensitive);
	}

}
