package dev.observability.autoconfigure.logging;

import java.time.Duration;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A custom Logback file that includes {@code dev/observability/logging/json-appender.xml} gets the starter's
 * asynchronous JSON appender.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonAppenderIncludeTests {

	@Test
	void includedAppenderWritesMaskedJsonLinesThroughTheDroppingAsyncAppender(CapturedOutput output) throws Exception {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		configurator.doConfigure(getClass().getResource("custom-logback-spring.xml"));
		try {
			assertThat(context.getLogger("ROOT").getAppender("OBSERVABILITY_JSON")).isInstanceOf(DroppingAsyncAppender.class);
			context.getLogger("com.example.quiet").info("not written");
			context.getLogger("com.example.Shop").info("included appender works for bob@example.com");
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("included appender works"));
			JsonNode json = JsonMapper.builder().build().readTree(output.getOut().lines()
				.filter((line) -> line.contains("included appender works"))
				.findFirst()
				.orElseThrow());
			assertThat(json.get("logger").asString()).isEqualTo("com.example.Shop");
			assertThat(json.get("message").asString()).isEqualTo("included appender works for ****");
			assertThat(output.getOut()).doesNotContain("not written");
		}
		finally {
			context.stop();
		}
	}

}
