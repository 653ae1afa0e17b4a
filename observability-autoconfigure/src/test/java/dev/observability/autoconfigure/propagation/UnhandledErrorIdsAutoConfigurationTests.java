package dev.observability.autoconfigure.propagation;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link UnhandledErrorIdsAutoConfiguration}: the filter registered first for requests and async dispatches,
 * reading the configured request id header, and the Tomcat and Jetty hooks that clear the ids.
 */
class UnhandledErrorIdsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UnhandledErrorIdsAutoConfiguration.class));

	@AfterEach
	void clear() {
		UnhandledErrorIds.clear();
		MDC.clear();
	}

	@Test
	@SuppressWarnings("unchecked")
	void registersTheFilterFirstForRequestsAndAsyncDispatches() {
		this.contextRunner.run((context) -> {
			FilterRegistrationBean<UnhandledErrorIdsFilter> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(UnhandledErrorIdsFilter.ORDER);
			assertThat(registration.getFilter().getOrder()).isEqualTo(UnhandledErrorIdsFilter.ORDER);
			assertThat(EnumSet.copyOf(registration.determineDispatcherTypes()))
				.isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
			assertThat(restoredRequestId(registration.getFilter(), "X-Request-ID")).isEqualTo("req-7");
			assertThat(context).getBean(UnhandledErrorIdsTomcatCustomizer.class).isNotNull();
			assertThat(context).getBean(UnhandledErrorIdsJettyCustomizer.class).isNotNull();
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void withoutRequestIdsTheFilterRestoresNone() {
		this.contextRunner.withPropertyValues("observability.tracing.request-id.enabled=false").run((context) -> {
			FilterRegistrationBean<UnhandledErrorIdsFilter> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(restoredRequestId(registration.getFilter(), "X-Request-ID")).isNull();
		});
	}

	private static String restoredRequestId(UnhandledErrorIdsFilter filter, String header) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader(header, "req-7");
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(new MockHttpServletRequest(), response,
				(request, servletResponse) -> {
					throw new IllegalStateException("boom");
				}));
		String restored = MDC.get("request_id");
		UnhandledErrorIds.clear();
		return restored;
	}

}
