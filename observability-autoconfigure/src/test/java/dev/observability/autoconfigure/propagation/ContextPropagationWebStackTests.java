package dev.observability.autoconfigure.propagation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.observability.autoconfigure.web.RunningApp;
import dev.observability.autoconfigure.web.WebStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request's trace id and request id reach work the request hands to other threads, with only the starter's
 * defaults: an {@code @Async} method, the auto-configured task executor and task scheduler, and Reactor operators
 * on other schedulers. A {@code @Scheduled} method, started by no request, runs in a trace of its own and carries
 * no request id.
 */
class ContextPropagationWebStackTests {

	static final String LOGGER = "dev.observability.test.propagation";

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void idsReachAsyncExecutorSchedulerAndReactorWork(WebStack stack) {
		try (RunningApp app = stack.start(Application.class, "management.tracing.sampling.probability=1.0")) {
			String token = UUID.randomUUID().toString().substring(0, 8);
			String requestId = "propagation-" + token;
			HttpResponse<String> response = app.get("/handoff?token=" + token, "X-Request-ID", requestId);
			assertThat(response.statusCode()).isEqualTo(200);
			List<String> kinds = List.of("handler", "async", "executor", "scheduler", "reactor-parallel",
					"reactor-bounded-elastic");
			await().untilAsserted(() -> assertThat(kinds)
				.allSatisfy((kind) -> assertThat(app.logs().withMessage(kind + " " + token)).hasSize(1)));
			JsonNode handler = line(app, "handler " + token);
			String traceId = handler.path("trace_id").asString();
			assertThat(traceId).hasSize(32);
			assertThat(handler.path("request_id").asString()).isEqualTo(requestId);
			for (String kind : kinds.subList(1, kinds.size())) {
				JsonNode line = line(app, kind + " " + token);
				assertThat(line.path("thread").asString()).as(kind + " ran on another thread")
					.isNotEqualTo(handler.path("thread").asString());
				assertThat(line.path("request_id").asString()).as(kind).isEqualTo(requestId);
				assertThat(line.path("trace_id").asString()).as(kind).isEqualTo(traceId);
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.logs().withMessage("scheduled tick")).isNotEmpty());
			JsonNode tick = app.logs().withMessage("scheduled tick").get(0);
			assertThat(tick.path("trace_id").asString()).as("a scheduled run is traced on its own").hasSize(32);
			assertThat(tick.has("request_id")).as("no request started it").isFalse();
		}
	}

	private static JsonNode line(RunningApp app, String message) {
		return app.logs().withMessage(message).get(0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@EnableScheduling
	@Import({ Application.Endpoints.class, Application.AsyncWork.class, Application.Ticker.class })
	static class Application {

		static final Logger logger = LoggerFactory.getLogger(LOGGER);

		static class AsyncWork {

			@Async
			public CompletableFuture<Void> log(String token) {
				logger.info("async " + token);
				return CompletableFuture.completedFuture(null);
			}

		}

		static class Ticker {

			@Scheduled(fixedDelay = 500, timeUnit = TimeUnit.MILLISECONDS)
			void tick() {
				logger.info("scheduled tick");
			}

		}

		@RestController
		static class Endpoints {

			private final AsyncWork async;

			private final AsyncTaskExecutor executor;

			private final TaskScheduler scheduler;

			Endpoints(AsyncWork async, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor,
					TaskScheduler scheduler) {
				this.async = async;
				this.executor = executor;
				this.scheduler = scheduler;
			}

			@GetMapping("/handoff")
			Mono<String> handoff(@RequestParam String token) {
				logger.info("handler " + token);
				this.async.log(token);
				this.executor.execute(() -> logger.info("executor " + token));
				this.scheduler.schedule(() -> logger.info("scheduler " + token), Instant.now().plusMillis(5));
				return Mono.delay(Duration.ofMillis(5))
					.publishOn(Schedulers.parallel())
					.doOnNext((tick) -> logger.info("reactor-parallel " + token))
					.flatMap((tick) -> Mono.fromCallable(() -> {
						logger.info("reactor-bounded-elastic " + token);
						return "done";
					}).subscribeOn(Schedulers.boundedElastic()));
			}

		}

	}

}
