package dev.observability.autoconfigure.logging;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One log line through the starter's {@link ObservabilityJsonEncoder} with the default masking rules: a
 * typical request log event (message with two arguments, trace, span and request ids in the MDC) without
 * and with a maskable value (an e-mail address and a card number in the message). Each operation builds the
 * {@link LoggingEvent} (what {@code logger.info(...)} does) and encodes it into the line's bytes. The masking
 * rules on their own ({@link SensitiveData#mask(String)}) are measured on the same two messages.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class JsonEncoderBenchmark {

	private static final Map<String, String> MDC = Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId",
			"00f067aa0ba902b7", "request_id", "3f2b8c1e9a4d4e7b");

	private final LoggerContext loggerContext = new LoggerContext();

	private final Logger logger = this.loggerContext.getLogger("dev.observability.sample.orders.OrderService");

	private ObservabilityJsonEncoder encoder;

	private SensitiveData sensitiveData;

	private String plainMessage = "Order 7f3a2c placed: 3 items, total 42.50 EUR, channel web";

	private String maskableMessage = "Payment declined for jane.doe@example.com, card 4111 1111 1111 1111";

	private String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

	private String timestamp = "2026-11-21T06:24:00.497Z";

	@Setup
	public void setUp() {
		LoggingSettings settings = new LoggingSettings(new LoggingProperties(),
				new ServiceIdentity("orders-service", "1.2.3", "prod"));
		this.sensitiveData = settings.sensitiveData();
		this.encoder = new ObservabilityJsonEncoder(settings);
		this.encoder.setContext(this.loggerContext);
		this.encoder.start();
	}

	@TearDown
	public void tearDown() {
		this.encoder.stop();
		this.loggerContext.stop();
	}

	private LoggingEvent event(String message, Object[] arguments) {
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO, message, null,
				arguments);
		event.setMDCPropertyMap(MDC);
		event.setThreadName("http-nio-8080-exec-1");
		return event;
	}

	@Benchmark
	public byte[] encodeWithoutMaskableValue() {
		return this.encoder.encode(event("Order {} placed for customer {}", new Object[] { "7f3a2c", "c-1001" }));
	}

	@Benchmark
	public byte[] encodeWithMaskableValue() {
		return this.encoder.encode(event("Payment declined for {}, card {}",
				new Object[] { "jane.doe@example.com", "4111 1111 1111 1111" }));
	}

	@Benchmark
	public String maskWithoutMaskableValue() {
		return this.sensitiveData.mask(this.plainMessage);
	}

	/** The masker sees every string value of a line, ids and the timestamp included. */
	@Benchmark
	public String maskTraceId() {
		return this.sensitiveData.mask(this.traceId);
	}

	@Benchmark
	public String maskTimestamp() {
		return this.sensitiveData.mask(this.timestamp);
	}

	@Benchmark
	public String maskWithMaskableValue() {
		return this.sensitiveData.mask(this.maskableMessage);
	}

}
