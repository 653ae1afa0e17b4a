package dev.observability.autoconfigure.saturation;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.observability.autoconfigure.web.RunningApp;
import dev.observability.autoconfigure.web.WebStack;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saturation entries of each web stack, on real servers: the thread-pool entry of the server the application
 * runs on (Tomcat, Jetty), and Reactor's bounded-elastic scheduler in a WebFlux application, each rising while
 * requests hold what it measures.
 */
class SaturationWebStackTests {

	private static final int HELD = 3;

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void registersTheEntriesOfTheStackAndNoOther(WebStack stack) {
		try (RunningApp app = stack.start(Application.class, "management.tracing.enabled=false")) {
			MeterRegistry registry = app.bean(MeterRegistry.class);
			List<String> resources = registry.find(SaturationMeterBinder.SATURATION)
				.gauges()
				.stream()
				.map((gauge) -> gauge.getId().getTag(SaturationMeterBinder.RESOURCE_TAG))
				.toList();
			assertThat(resources).contains("jvm.heap", "cpu");
			switch (stack) {
				case TOMCAT -> assertThat(resources).contains("tomcat.threads", "tomcat.connections")
					.noneMatch((resource) -> resource.startsWith("jetty.") || resource.startsWith("reactor."));
				case JETTY -> assertThat(resources).contains("jetty.threads")
					.noneMatch((resource) -> resource.startsWith("tomcat.") || resource.startsWith("reactor."));
				case NETTY -> assertThat(resources).contains("reactor.bounded-elastic")
					.noneMatch((resource) -> resource.startsWith("tomcat.") || resource.startsWith("jetty."));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebStack.class, names = { "TOMCAT", "JETTY" })
	@EnabledForJreRange(min = JRE.JAVA_21)
	void registersNoThreadPoolEntryWhenRequestsRunOnVirtualThreads(WebStack stack) throws Exception {
		try (RunningApp app = stack.start(Application.class, "management.tracing.enabled=false",
				"spring.threads.virtual.enabled=true")) {
			MeterRegistry registry = app.bean(MeterRegistry.class);
			List<CompletableFuture<HttpResponse<String>>> held = hold(app, "/hold-thread");
			try {
				assertThat(registry.find("saturation").tag("resource", "tomcat.threads").gauge()).isNull();
				assertThat(registry.find("saturation").tag("resource", "jetty.threads").gauge()).isNull();
				if (stack == WebStack.TOMCAT) {
					Gauge connections = registry.get("saturation").tag("resource", "tomcat.connections").gauge();
					await().untilAsserted(() -> assertThat(connections.value()).isGreaterThan(0));
				}
			}
			finally {
				release(app, held);
			}
		}
	}

	@Test
	void jettyThreadsRiseWhileRequestsHoldJettysThreads() throws Exception {
		try (RunningApp app = WebStack.JETTY.start(Application.class, "management.tracing.enabled=false",
				"server.jetty.threads.max=50")) {
			MeterRegistry registry = app.bean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.find("jetty.threads.busy").gauge()).isNotNull());
			Gauge saturation = registry.get("saturation").tag("resource", "jetty.threads").gauge();
			Gauge busy = registry.get("jetty.threads.busy").gauge();
			assertThat(registry.get("jetty.threads.config.max").gauge().value()).isEqualTo(50);
			double idle = busy.value();
			List<CompletableFuture<HttpResponse<String>>> held = hold(app, "/hold-thread");
			try {
				await().untilAsserted(() -> {
					assertThat(busy.value()).isGreaterThanOrEqualTo(idle + HELD);
					assertThat(saturation.value()).isEqualTo(busy.value() / 50).isGreaterThanOrEqualTo((idle + HELD) / 50);
				});
			}
			finally {
				release(app, held);
			}
		}
	}

	@Test
	void boundedElasticRisesWhileWebFluxRequestsHoldItsWorkers() throws Exception {
		try (RunningApp app = WebStack.NETTY.start(Application.class, "management.tracing.enabled=false")) {
			Gauge saturation = app.bean(MeterRegistry.class)
				.get("saturation")
				.tag("resource", "reactor.bounded-elastic")
				.gauge();
			int capacity = Scannable.from(Schedulers.boundedElastic()).scan(Scannable.Attr.CAPACITY);
			assertThat(saturation.value()).isZero();
			List<CompletableFuture<HttpResponse<String>>> held = hold(app, "/hold-elastic");
			try {
				await().untilAsserted(() -> assertThat(saturation.value()).isEqualTo((double) HELD / capacity));
			}
			finally {
				release(app, held);
			}
			await().untilAsserted(() -> assertThat(saturation.value()).isZero());
		}
	}

	private static List<CompletableFuture<HttpResponse<String>>> hold(RunningApp app, String path) {
		Holds holds = app.bean(Holds.class);
		holds.reset();
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < HELD; i++) {
			responses.add(http.sendAsync(app.request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
		}
		return responses;
	}

	private static void release(RunningApp app, List<CompletableFuture<HttpResponse<String>>> held) throws Exception {
		app.bean(Holds.class).release.countDown();
		for (CompletableFuture<HttpResponse<String>> response : held) {
			assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("released");
		}
	}

	static class Holds {

		volatile CountDownLatch release = new CountDownLatch(1);

		void reset() {
			this.release = new CountDownLatch(1);
		}

		String await() {
			try {
				return this.release.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Holds.class, Application.Endpoints.class })
	static class Application {

		@RestController
		static class Endpoints {

			private final Holds holds;

			Endpoints(Holds holds) {
				this.holds = holds;
			}

			/** Holds the server's request thread (Spring MVC). */
			@GetMapping("/hold-thread")
			String holdThread() {
				return this.holds.await();
			}

			/** Holds a bounded-elastic worker (WebFlux's place for blocking work). */
			@GetMapping("/hold-elastic")
			Mono<String> holdElastic() {
				return Mono.fromCallable(this.holds::await).subscribeOn(Schedulers.boundedElastic());
			}

		}

	}

}
