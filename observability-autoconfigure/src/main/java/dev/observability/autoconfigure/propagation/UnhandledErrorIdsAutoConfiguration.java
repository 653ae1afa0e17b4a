package dev.observability.autoconfigure.propagation;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.tracing.TracingProperties;
import io.micrometer.observation.Observation;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The container's log line for an unhandled exception carries the request's trace id, span id and request id on
 * Tomcat and Jetty: {@link UnhandledErrorIdsFilter} puts them back into the MDC when the exception leaves the
 * application, and a container-specific hook removes them once the container has logged. (On WebFlux the error
 * line is written inside the request's Reactor context, where context propagation supplies the ids.)
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ ServerHttpObservationFilter.class, Observation.class })
@EnableConfigurationProperties(TracingProperties.class)
public final class UnhandledErrorIdsAutoConfiguration {

	@Bean
	@ConditionalOnMissingFilterBean(UnhandledErrorIdsFilter.class)
	FilterRegistrationBean<UnhandledErrorIdsFilter> unhandledErrorIdsFilter(TracingProperties properties) {
		String header = properties.getRequestId().isEnabled() ? properties.getRequestId().getHeader() : null;
		FilterRegistrationBean<UnhandledErrorIdsFilter> registration = new FilterRegistrationBean<>(
				new UnhandledErrorIdsFilter(header));
		registration.setOrder(UnhandledErrorIdsFilter.ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatServletWebServerFactory.class, org.apache.catalina.startup.Tomcat.class })
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UnhandledErrorIdsTomcatCustomizer unhandledErrorIdsTomcatCustomizer() {
			return new UnhandledErrorIdsTomcatCustomizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JettyServletWebServerFactory.class, org.eclipse.jetty.server.Server.class })
	static class JettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UnhandledErrorIdsJettyCustomizer unhandledErrorIdsJettyCustomizer() {
			return new UnhandledErrorIdsJettyCustomizer();
		}

	}

}
