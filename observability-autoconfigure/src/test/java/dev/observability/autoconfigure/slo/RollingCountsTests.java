package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollingCountsTests {

	private static final long SECOND = 1_000_000_000L;

	private final RollingCounts counts = new RollingCounts(Duration.ofSeconds(10), 6);

	@Test
	void sumsGoodAndBadOverTheWindow() {
		this.counts.add(0, true);
		this.counts.add(5 * SECOND, false);
		this.counts.add(15 * SECOND, true);
		assertThat(sum(19 * SECOND, Duration.ofSeconds(20))).containsExactly(2, 1);
		assertThat(sum(19 * SECOND, Duration.ofSeconds(10))).containsExactly(1, 0);
	}

	@Test
	void forgetsSlotsOlderThanTheWindow() {
		this.counts.add(0, false);
		this.counts.add(30 * SECOND, true);
		assertThat(sum(35 * SECOND, Duration.ofSeconds(60))).containsExactly(1, 1);
		assertThat(sum(65 * SECOND, Duration.ofSeconds(60))).containsExactly(1, 0);
		assertThat(sum(95 * SECOND, Duration.ofSeconds(60))).containsExactly(0, 0);
	}

	@Test
	void reusesASlotForANewEpochStartingFromZero() {
		this.counts.add(0, false);
		this.counts.add(1 * SECOND, false);
		this.counts.add(60 * SECOND, true);
		assertThat(sum(60 * SECOND, Duration.ofSeconds(10))).containsExactly(1, 0);
		assertThat(sum(60 * SECOND, Duration.ofSeconds(60))).containsExactly(1, 0);
	}

	@Test
	void capsTheWindowAtTheRingSpan() {
		for (int i = 0; i < 12; i++) {
			this.counts.add(i * 10 * SECOND, true);
		}
		assertThat(sum(115 * SECOND, Duration.ofHours(1))).containsExactly(6, 0);
		assertThat(this.counts.span()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void losesNoEventUnderConcurrentWritersCrossingSlots() throws Exception {
		RollingCounts ring = new RollingCounts(Duration.ofNanos(1000), 1_000_000);
		int threads = 4;
		int perThread = 50_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(executor.submit(() -> {
				start.await();
				for (int i = 0; i < perThread; i++) {
					ring.add(i * 100L, (i % 10) != 0);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
		executor.shutdown();
		WindowCounts result = ring.sum(perThread * 100L, Duration.ofNanos(perThread * 100L + 1000));
		assertThat(result.good() + result.bad()).isEqualTo((long) threads * perThread);
		assertThat(result.bad()).isEqualTo((long) threads * perThread / 10);
	}

	private long[] sum(long now, Duration window) {
		WindowCounts result = this.counts.sum(now, window);
		return new long[] { result.good(), result.bad() };
	}

}
