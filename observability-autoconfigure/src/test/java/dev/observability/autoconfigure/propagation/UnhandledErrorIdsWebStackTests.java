package dev.observability.autoconfigure.propagation;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.observability.autoconfigure.web.RunningApp;
import dev.observability.autoconfigure.web.WebStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's own log line for an exception that left the application (Tomcat's
 * {@code Servlet.service() ... threw exception} ERROR, Jetty's WARN, WebFlux's error handler ERROR) carries the
 * request's trace id, span id and request id in the JSON log, and the ids do not stay on the thread afterwards.
 */
class UnhandledErrorIdsWebStackTests {

	static final String HANDLER_LOGGER = "dev.observability.test.errors";

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void containerErrorLineCarriesTheRequestsIds(WebStack stack) {
		try (RunningApp app = stack.start(Application.class, "management.tracing.sampling.probability=1.0")) {
			for (int i = 0; i < 3; i++) {
				String token = "boom-" + UUID.randomUUID();
				String requestId = "error-request-" + i + "-" + token.substring(5, 13);
				HttpResponse<String> response = app.get("/boom?token=" + token, "X-Request-ID", requestId);
				assertThat(response.statusCode()).isEqualTo(500);
				assertThat(response.headers().firstValue("X-Request-ID")).hasValue(requestId);
				await().untilAsserted(() -> assertThat(containerLines(app, token)).isNotEmpty());
				JsonNode handlerLine = app.logs().withMessage("about to fail " + token).get(0);
				String traceId = handlerLine.path("trace_id").asString();
				String spanId = handlerLine.path("span_id").asString();
				assertThat(traceId).hasSize(32);
				assertThat(handlerLine.path("request_id").asString()).isEqualTo(requestId);
				for (JsonNode line : containerLines(app, token)) {
					assertThat(line.path("level").asString()).as(line.toString()).isIn("ERROR", "WARN");
					assertThat(line.path("trace_id").asString()).as(line.toString()).isEqualTo(traceId);
					assertThat(line.path("span_id").asString()).as(line.toString()).isEqualTo(spanId);
					assertThat(line.path("request_id").asString()).as(line.toString()).isEqualTo(requestId);
				}
			}
			// a later request without a failure: nothing of the failed requests is left on the server's threads
			String token = "fine-" + UUID.randomUUID();
			assertThat(app.get("/fine?token=" + token).statusCode()).isEqualTo(200);
			await().untilAsserted(() -> assertThat(app.logs().withMessage("fine " + token)).hasSize(1));
			JsonNode fine = app.logs().withMessage("fine " + token).get(0);
			assertThat(fine.path("request_id").asString()).doesNotStartWith("error-request-");
		}
	}

	/** The lines about the failure written by anything but the handler: the server's own. */
	private static List<JsonNode> containerLines(RunningApp app, String token) {
		return app.logs()
			.events((event) -> !HANDLER_LOGGER.equals(event.path("logger").asString())
					&& event.toString().contains(token));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Application.Endpoints.class)
	static class Application {

		@RestController
		static class Endpoints {

			private static final Logger logger = LoggerFactory.getLogger(HANDLER_LOGGER);

			@GetMapping("/boom")
			String boom(@RequestParam String token) {
				logger.info("about to fail " + token);
				throw new IllegalStateException(token);
			}

			@GetMapping("/fine")
			String fine(@RequestParam String token) {
				logger.info("fine " + token);
				return "fine";
			}

		}

	}

}
