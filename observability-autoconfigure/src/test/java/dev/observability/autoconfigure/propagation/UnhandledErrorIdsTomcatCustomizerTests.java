package dev.observability.autoconfigure.propagation;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link UnhandledErrorIdsTomcatCustomizer}: one async-capable engine valve (no servlet listener, which would
 * make Tomcat allocate an event per request attribute) that removes restored ids when the request leaves Tomcat,
 * however it leaves.
 */
class UnhandledErrorIdsTomcatCustomizerTests {

	@AfterEach
	void clear() {
		UnhandledErrorIds.clear();
		MDC.clear();
	}

	@Test
	void addsOneAsyncSupportedEngineValve() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new UnhandledErrorIdsTomcatCustomizer().customize(factory);
		assertThat(factory.getEngineValves()).singleElement()
			.isInstanceOfSatisfying(UnhandledErrorIdsTomcatCustomizer.ClearOnExit.class,
					(valve) -> assertThat(valve.isAsyncSupported()).isTrue());
	}

	@Test
	void removesTheIdsRestoredWhileTheRequestWasInsideTomcat() throws Exception {
		UnhandledErrorIdsTomcatCustomizer.ClearOnExit valve = new UnhandledErrorIdsTomcatCustomizer.ClearOnExit();
		valve.setNext(next(() -> {
			UnhandledErrorIds.restore(null, "req-restored");
			assertThat(MDC.get(RequestIdThreadLocalAccessor.KEY)).isEqualTo("req-restored");
		}));
		valve.invoke(null, null);
		assertThat(MDC.get(RequestIdThreadLocalAccessor.KEY)).isNull();
	}

	@Test
	void removesTheIdsWhenTheRestOfThePipelineThrows() {
		UnhandledErrorIdsTomcatCustomizer.ClearOnExit valve = new UnhandledErrorIdsTomcatCustomizer.ClearOnExit();
		valve.setNext(next(() -> {
			UnhandledErrorIds.restore(null, "req-restored");
			throw new IllegalStateException("error page failed");
		}));
		assertThatIllegalStateException().isThrownBy(() -> valve.invoke(null, null)).withMessage("error page failed");
		assertThat(MDC.get(RequestIdThreadLocalAccessor.KEY)).isNull();
	}

	@Test
	void leavesTheMdcOfARequestThatRestoredNothingAlone() throws Exception {
		UnhandledErrorIdsTomcatCustomizer.ClearOnExit valve = new UnhandledErrorIdsTomcatCustomizer.ClearOnExit();
		valve.setNext(next(() -> MDC.put(RequestIdThreadLocalAccessor.KEY, "set-by-someone-else")));
		valve.invoke(null, null);
		assertThat(MDC.get(RequestIdThreadLocalAccessor.KEY)).isEqualTo("set-by-someone-else");
	}

	private static Valve next(Runnable action) {
		return new ValveBase() {

			@Override
			public void invoke(Request request, Response response) {
				action.run();
			}

		};
	}

}
