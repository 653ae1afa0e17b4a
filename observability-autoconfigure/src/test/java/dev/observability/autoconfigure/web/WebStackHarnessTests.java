package dev.observability.autoconfigure.web;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The harness itself: each stack runs on the server it names and its JSON log lines are captured.
 */
class WebStackHarnessTests {

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void startsTheNamedServerAndCapturesItsLogLines(WebStack stack) {
		try (RunningApp app = stack.start(WebStackApplication.class)) {
			String server = app.context() instanceof ServletWebServerApplicationContext servlet
					? servlet.getWebServer().getClass().getSimpleName()
					: ((ReactiveWebServerApplicationContext) app.context()).getWebServer().getClass().getSimpleName();
			assertThat(server).startsWithIgnoringCase(stack.name());
			HttpResponse<String> response = app.get("/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(app.logs().withMessage("hello handled")).hasSize(1));
			assertThat(app.logs().withMessage("hello handled").get(0).path("logger").asString())
				.isEqualTo(WebStackApplication.LOGGER);
		}
	}

}
