package dev.observability.autoconfigure.saturation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BoundedElasticSaturationMeterBinder}: busy workers over capacity of a real bounded-elastic scheduler,
 * and no gauge for a scheduler that cannot report them.
 */
class BoundedElasticSaturationMeterBinderTests {

	@Test
	void reportsBusyWorkersOverCapacity() {
		Scheduler scheduler = Schedulers.newBoundedElastic(4, 100, "saturation-test");
		CountDownLatch release = new CountDownLatch(1);
		try {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new BoundedElasticSaturationMeterBinder(() -> scheduler).bindTo(registry);
			assertThat(saturation(registry)).isZero();
			scheduler.schedule(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> saturation(registry) == 0.25);
		}
		finally {
			release.countDown();
			scheduler.dispose();
		}
	}

	@Test
	void registersForTheSharedCachedScheduler() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new BoundedElasticSaturationMeterBinder().bindTo(registry);
		assertThat(saturation(registry)).isBetween(0.0, 1.0);
	}

	@Test
	void registersNothingForASchedulerWithoutBusyWorkers() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new BoundedElasticSaturationMeterBinder(Schedulers::immediate).bindTo(registry);
		new BoundedElasticSaturationMeterBinder(Schedulers::single).bindTo(registry);
		assertThat(registry.find(SaturationMeterBinder.SATURATION).gauges()).isEmpty();
	}

	private static double saturation(SimpleMeterRegistry registry) {
		return registry.get(SaturationMeterBinder.SATURATION)
			.tag(SaturationMeterBinder.RESOURCE_TAG, SaturationMeterBinder.REACTOR_BOUNDED_ELASTIC)
			.gauge()
			.value();
	}

}
