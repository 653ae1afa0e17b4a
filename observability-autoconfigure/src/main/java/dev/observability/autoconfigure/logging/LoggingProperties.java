package dev.observability.autoconfigure.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.observability.autoconfigure.InvalidPropertyException;
import dev.observability.autoconfigure.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Structured JSON logging, masking, the non-blocking appender and the access log.
 */
@ConfigurationProperties("observability.logging")
public class LoggingProperties implements InitializingBean {

	/**
	 * Console log format: one JSON object per line, or Spring Boot's own text pattern.
	 */
	private Format format = Format.JSON;

	private final Mask mask = new Mask();

	private final Async async = new Async();

	private final StackTrace stackTrace = new StackTrace();

	private final AccessLog accessLog = new AccessLog();

	public Format getFormat() {
		return this.format;
	}

	public void setFormat(Format format) {
		this.format = format;
	}

	public Mask getMask() {
		return this.mask;
	}

	public Async getAsync() {
		return this.async;
	}

	public StackTrace getStackTrace() {
		return this.stackTrace;
	}

	public AccessLog getAccessLog() {
		return this.accessLog;
	}

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.atLeast("observability.logging.async.queue-size", this.async.queueSize, 16);
		PropertyChecks.positive("observability.logging.async.drop-warning-interval", this.async.dropWarningInterval);
		PropertyChecks.positive("observability.logging.async.shutdown-timeout", this.async.shutdownTimeout);
		PropertyChecks.atLeast("observability.logging.stack-trace.max-depth", this.stackTrace.maxDepth, 1);
		if (this.stackTrace.maxLength == null || this.stackTrace.maxLength.toBytes() < 256
				|| this.stackTrace.maxLength.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidPropertyException("observability.logging.stack-trace.max-length", this.stackTrace.maxLength,
					"a size between 256B and 2GB, such as 16KB");
		}
		for (int i = 0; i < this.mask.fields.size(); i++) {
			String field = this.mask.fields.get(i);
			if (field == null || SensitiveData.normalize(field).isEmpty()) {
				throw new InvalidPropertyException("observability.logging.mask.fields[" + i + "]", field,
						"a field name containing at least one letter or digit, such as password");
			}
		}
		this.mask.customPatterns.forEach((name, regex) -> {
			try {
				Pattern.compile(regex);
			}
			catch (PatternSyntaxException | NullPointerException ex) {
				throw new InvalidPropertyException("observability.logging.mask.custom-patterns." + name, regex,
						"a Java regular expression (" + ((ex.getMessage() != null) ? ex.getMessage().lines().findFirst().orElse("") : "null") + ")");
			}
		});
	}

	/**
	 * Console log formats.
	 */
	public enum Format {

		/**
		 * One JSON object per line (logstash-logback-encoder).
		 */
		JSON,

		/**
		 * Spring Boot's default text pattern.
		 */
		TEXT

	}

	/**
	 * Built-in value patterns that are masked wherever they appear.
	 */
	public enum MaskPattern {

		/**
		 * E-mail addresses.
		 */
		EMAIL,

		/**
		 * Payment card numbers (13 to 19 digits, optionally grouped, passing the Luhn check).
		 */
		CARD_NUMBER,

		/**
		 * JSON Web Tokens (three base64url segments starting with eyJ).
		 */
		JWT,

		/**
		 * Bearer tokens ("Bearer <token>").
		 */
		BEARER_TOKEN

	}

	public static class Mask {

		/**
		 * Whether sensitive fields and values are masked in messages, structured arguments and MDC values.
		 */
		private boolean enabled = true;

		/**
		 * Field names whose values are masked (case, '-', '_' and '.' ignored; a name ending in one counts too,
		 * names of up to 4 characters only as a whole word: db_pass but not compass).
		 */
		private List<String> fields = new ArrayList<>(List.of("password", "passwd", "pwd", "pass", "passphrase",
				"secret", "client-secret", "secret-key", "token", "access-token", "refresh-token", "id-token", "auth",
				"authorization", "credentials", "credential", "private-key", "privatekey", "api-key", "apikey",
				"x-api-key", "access-key", "session", "sessionid", "session-id", "jsessionid", "cookie", "set-cookie",
				"csrftoken", "xsrf-token", "mysql-pwd"));

		/**
		 * Built-in value patterns masked wherever they appear.
		 */
		private List<MaskPattern> patterns = new ArrayList<>(List.of(MaskPattern.values()));

		/**
		 * Additional regular expressions, by name, whose matches are masked wherever they appear.
		 */
		private Map<String, String> customPatterns = new LinkedHashMap<>();

		/**
		 * Text that replaces a masked value.
		 */
		private String replacement = "****";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getFields() {
			return this.fields;
		}

		public void setFields(List<String> fields) {
			this.fields = fields;
		}

		public List<MaskPattern> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<MaskPattern> patterns) {
			this.patterns = patterns;
		}

		public Map<String, String> getCustomPatterns() {
			return this.customPatterns;
		}

		public void setCustomPatterns(Map<String, String> customPatterns) {
			this.customPatterns = customPatterns;
		}

		public String getReplacement() {
			return this.replacement;
		}

		public void setReplacement(String replacement) {
			this.replacement = replacement;
		}

	}

	public static class Async {

		/**
		 * Capacity of the asynchronous appender's queue; events arriving when it is full are dropped and counted.
		 */
		private int queueSize = 8192;

		/**
		 * Minimum time between two WARN events reporting dropped log events.
		 */
		private Duration dropWarningInterval = Duration.ofSeconds(30);

		/**
		 * Maximum time the asynchronous appender spends writing queued events at shutdown; events still queued
		 * then are counted on standard error and abandoned, so a stalled log sink cannot keep the JVM alive.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public int getQueueSize() {
			return this.queueSize;
		}

		public void setQueueSize(int queueSize) {
			this.queueSize = queueSize;
		}

		public Duration getDropWarningInterval() {
			return this.dropWarningInterval;
		}

		public void setDropWarningInterval(Duration dropWarningInterval) {
			this.dropWarningInterval = dropWarningInterval;
		}

	}

	public static class StackTrace {

		/**
		 * Maximum number of frames written per throwable (cause chains included).
		 */
		private int maxDepth = 30;

		/**
		 * Maximum length of the error.stack_trace field.
		 */
		private DataSize maxLength = DataSize.ofKilobytes(16);

		public int getMaxDepth() {
			return this.maxDepth;
		}

		public void setMaxDepth(int maxDepth) {
			this.maxDepth = maxDepth;
		}

		public DataSize getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(DataSize maxLength) {
			this.maxLength = maxLength;
		}

	}

	public static class AccessLog {

		/**
		 * Whether one access-log event is written per request (excluded paths skipped).
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
