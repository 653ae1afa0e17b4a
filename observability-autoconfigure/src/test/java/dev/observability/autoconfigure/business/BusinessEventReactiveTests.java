package dev.observability.autoconfigure.business;

import java.time.Duration;

import dev.observability.business.BusinessEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code @BusinessEvent} on methods returning {@code Mono} and {@code Flux}: counted when the publisher completes
 * or fails, never on the call or the subscription, and not at all when the subscriber cancels.
 */
class BusinessEventReactiveTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				BusinessMetricsAutoConfiguration.class))
		.withPropertyValues("observability.business.meters[orders.placed].type=counter",
				"observability.business.meters[orders.placed].tags=channel",
				"observability.business.meters[items.shipped].type=counter")
		.withUserConfiguration(ReactiveCheckoutConfiguration.class);

	@Test
	void countsAMonoWhenItCompletesWithItsValueAsResult() {
		this.contextRunner.run((context) -> {
			ReactiveCheckout checkout = context.getBean(ReactiveCheckout.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Mono<String> placed = checkout.place("web");
			assertThat(count(registry, "orders.placed", "channel", "mobile", "success")).as("not on the call").isZero();
			assertThat(placed.block(Duration.ofSeconds(5))).isEqualTo("mobile");
			assertThat(count(registry, "orders.placed", "channel", "mobile", "success")).isEqualTo(1);
			assertThatIllegalStateException().isThrownBy(() -> checkout.place("fail").block(Duration.ofSeconds(5)));
			assertThat(registry.get("orders.placed").tag("outcome", "failure").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void countsAFluxOnCompletionAndNotWhenCancelled() {
		this.contextRunner.run((context) -> {
			ReactiveCheckout checkout = context.getBean(ReactiveCheckout.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Flux<Integer> items = checkout.ship(3);
			assertThat(registry.get("items.shipped").tag("outcome", "success").counter().count()).isZero();
			assertThat(items.collectList().block(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
			assertThat(registry.get("items.shipped").tag("outcome", "success").counter().count()).isEqualTo(1);
			assertThat(checkout.ship(100).take(2).collectList().block(Duration.ofSeconds(5))).containsExactly(1, 2);
			assertThat(registry.get("items.shipped").tag("outcome", "success").counter().count()).isEqualTo(1);
			assertThat(registry.get("items.shipped").tag("outcome", "failure").counter().count()).isZero();
		});
	}

	private static double count(MeterRegistry registry, String name, String key, String value, String outcome) {
		var counter = registry.find(name).tags(key, value, "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static class ReactiveCheckout {

		@BusinessEvent(value = "orders.placed", tags = "channel=#result")
		public Mono<String> place(String channel) {
			return Mono.fromSupplier(() -> {
				if ("fail".equals(channel)) {
					throw new IllegalStateException("declined");
				}
				return "mobile";
			});
		}

		@BusinessEvent("items.shipped")
		public Flux<Integer> ship(int count) {
			return Flux.range(1, count);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveCheckoutConfiguration {

		@Bean
		ReactiveCheckout reactiveCheckout() {
			return new ReactiveCheckout();
		}

	}

}
