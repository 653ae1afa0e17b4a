package dev.observability.autoconfigure.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.decorate.json.CharacterEscapesDecorator;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * The starter's JSON line encoder (logstash-logback-encoder), configured in code so that the XML that uses
 * it stays one line: {@code <encoder class="dev.observability.autoconfigure.logging.ObservabilityJsonEncoder"/>}.
 * Fields, in order: {@code @timestamp} (UTC, milliseconds), {@code level}, {@code logger}, {@code thread},
 * {@code message}, {@code service.name}, {@code service.version}, {@code deployment.environment} (when known),
 * the MDC ({@code traceId}/{@code spanId} renamed {@code trace_id}/{@code span_id}, {@code request_id}),
 * {@code error.type}, {@code error.message}, {@code error.stack_trace} (capped), then structured arguments,
 * key-value pairs and markers. Sensitive field names and values are masked everywhere; CR, LF, NUL and every
 * other control character, U+0085, U+2028 and U+2029 are escaped, so each event is exactly one line.
 */
public class ObservabilityJsonEncoder extends LoggingEventCompositeJsonEncoder {

	/** MDC key Micrometer Tracing uses for the trace id. */
	public static final String MDC_TRACE_ID = "traceId";

	/** MDC key Micrometer Tracing uses for the span id. */
	public static final String MDC_SPAN_ID = "spanId";

	private LoggingSettings settings;

	/** Uses the settings of the Spring environment in the Logback context ({@link LoggingSettings#of}). */
	public ObservabilityJsonEncoder() {
		this(null);
	}

	/** Uses the given settings (tests). */
	ObservabilityJsonEncoder(LoggingSettings settings) {
		this.settings = settings;
	}

	@Override
	public void start() {
		LoggingSettings settings = (this.settings != null) ? this.settings : LoggingSettings.of(getContext());
		JsonProviders<ILoggingEvent> providers = getProviders();
		LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
		timestamp.setFieldName("@timestamp");
		timestamp.setPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
		timestamp.setTimeZone("UTC");
		providers.addProvider(timestamp);
		LogLevelJsonProvider level = new LogLevelJsonProvider();
		level.setFieldName("level");
		providers.addProvider(level);
		LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
		logger.setFieldName("logger");
		providers.addProvider(logger);
		LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
		thread.setFieldName("thread");
		providers.addProvider(thread);
		MessageJsonProvider message = new MessageJsonProvider();
		message.setFieldName("message");
		providers.addProvider(message);
		providers.addProvider(new ServiceJsonProvider(settings.identity()));
		MdcJsonProvider mdc = new MdcJsonProvider();
		mdc.addMdcKeyFieldName(MDC_TRACE_ID + "=trace_id");
		mdc.addMdcKeyFieldName(MDC_SPAN_ID + "=span_id");
		providers.addProvider(mdc);
		LoggingProperties.StackTrace stackTrace = settings.properties().getStackTrace();
		providers.addProvider(new ErrorJsonProvider(stackTrace.getMaxDepth(), (int) stackTrace.getMaxLength().toBytes()));
		providers.addProvider(new ArgumentsJsonProvider());
		providers.addProvider(new KeyValuePairsJsonProvider());
		providers.addProvider(new LogstashMarkersJsonProvider());
		addDecorator(lineSafeEscapes());
		SensitiveData sensitiveData = settings.sensitiveData();
		if (sensitiveData != null) {
			MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
			masking.addFieldMasker(new SensitiveFieldMasker(sensitiveData));
			masking.addValueMasker(new SensitiveValueMasker(sensitiveData));
			masking.start();
			addDecorator(masking);
		}
		setLineSeparator("\n");
		super.start();
	}

	private static CharacterEscapesDecorator lineSafeEscapes() {
		CharacterEscapesDecorator escapes = new CharacterEscapesDecorator();
		escapes.setIncludeStandardAsciiEscapesForJSON(true);
		escapes.addEscape(new CharacterEscapesDecorator.Escape(0x85, "\\u0085"));
		escapes.addEscape(new CharacterEscapesDecorator.Escape(0x2028, "\\u2028"));
		escapes.addEscape(new CharacterEscapesDecorator.Escape(0x2029, "\\u2029"));
		return escapes;
	}

}
