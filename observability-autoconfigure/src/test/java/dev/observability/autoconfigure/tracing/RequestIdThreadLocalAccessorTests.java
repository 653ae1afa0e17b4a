package dev.observability.autoconfigure.tracing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request id travels with Micrometer's context propagation, through the global registry the accessor is
 * registered in (as the service file registers it in an application).
 */
class RequestIdThreadLocalAccessorTests {

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	@AfterEach
	void clearMdc() {
		MDC.remove(RequestIdThreadLocalAccessor.KEY);
	}

	@Test
	void isRegisteredGloballyThroughTheServiceFile() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anySatisfy((accessor) -> assertThat(accessor).isInstanceOf(RequestIdThreadLocalAccessor.class));
	}

	@Test
	void carriesTheRequestIdToTheThreadThatRunsTheWorkAndClearsItAfterwards() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		ExecutorService propagating = ContextExecutorService.wrap(pool, this.snapshots::captureAll);
		try {
			MDC.put(RequestIdThreadLocalAccessor.KEY, "req-0001");
			String seen = propagating.submit(() -> MDC.get(RequestIdThreadLocalAccessor.KEY)).get(10, TimeUnit.SECONDS);
			assertThat(seen).isEqualTo("req-0001");
			MDC.remove(RequestIdThreadLocalAccessor.KEY);
			String afterwards = pool.submit(() -> MDC.get(RequestIdThreadLocalAccessor.KEY)).get(10, TimeUnit.SECONDS);
			assertThat(afterwards).as("the worker thread's MDC is restored after the task").isNull();
		}
		finally {
			propagating.shutdownNow();
		}
	}

	@Test
	void aSnapshotWithoutARequestIdRemovesAStaleOne() throws Exception {
		ContextSnapshot empty = ContextSnapshotFactory.builder().clearMissing(true).build().captureAll();
		CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
			MDC.put(RequestIdThreadLocalAccessor.KEY, "stale-0001");
			try (ContextSnapshot.Scope scope = empty.setThreadLocals()) {
				return String.valueOf(MDC.get(RequestIdThreadLocalAccessor.KEY));
			}
			finally {
				MDC.remove(RequestIdThreadLocalAccessor.KEY);
			}
		});
		assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("null");
	}

	@Test
	void readsWritesAndClearsTheMdcEntry() {
		RequestIdThreadLocalAccessor accessor = new RequestIdThreadLocalAccessor();
		assertThat(accessor.key()).isEqualTo("request_id");
		accessor.setValue("req-0002");
		assertThat(MDC.get("request_id")).isEqualTo("req-0002");
		assertThat(accessor.getValue()).isEqualTo("req-0002");
		accessor.setValue();
		assertThat(MDC.get("request_id")).isNull();
		assertThat(accessor.getValue()).isNull();
	}

}
