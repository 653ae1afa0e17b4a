package dev.observability.sample.tracing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import dev.observability.sample.support.OtlpReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that accepts connections and never answers: requests still complete, and the starter's
 * dropped-span and failed-export counters move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms",
				"management.opentelemetry.tracing.export.max-queue-size=8",
				"management.opentelemetry.tracing.export.max-batch-size=4",
				"management.opentelemetry.tracing.export.timeout=300ms",
				"management.opentelemetry.tracing.export.otlp.timeout=300ms" })
class HangingCollectorTests {

	private static final OtlpReceiver collector = OtlpReceiver.hanging();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void otlp(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::endpoint);
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void requestsCompleteAndDroppedAndFailedSpansAreCounted() {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<String>> calls = IntStream.range(0, 200)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> client.get().uri("/api/ping").retrieve().body(String.class), callers))
				.toList();
			await().atMost(Duration.ofSeconds(60)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
			assertThat(calls).allSatisfy((call) -> assertThat(call).isCompletedWithValue("pong"));
		}
		finally {
			callers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(collector.requests()).isPositive();
			assertThat(this.meterRegistry.get("observability.tracing.spans.dropped").functionCounter().count()).isPositive();
			assertThat(this.meterRegistry.get("observability.tracing.spans.export.failures").functionCounter().count())
				.isPositive();
		});
	}

}
