package dev.observability.autoconfigure.http;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.ObservabilityProperties;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Golden signals on top of Spring Boot's {@code http.server.requests}: no observation at all for excluded paths
 * (actuator by default), and the request pipeline that feeds every per-request feature from Spring's server
 * request observation on Spring MVC and WebFlux. Percentile histograms and the exact SLO and Apdex buckets are
 * Boot's {@code management.metrics.distribution.*} properties, contributed as defaults by the starter's
 * environment post-processor.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@EnableConfigurationProperties(ObservabilityProperties.class)
public final class HttpObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ PathPatternParser.class, ObservationPredicate.class })
	static class ExcludedPathsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExcludedPaths observabilityExcludedPaths(ObservabilityProperties properties) {
			return new ExcludedPaths(properties.getHttp().getExcludePaths());
		}

		@Bean
		@ConditionalOnMissingBean
		ExcludedPathsObservationPredicate excludedPathsObservationPredicate(ExcludedPaths excludedPaths) {
			return new ExcludedPathsObservationPredicate(excludedPaths);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ ServerRequestObservationContext.class, ObservationHandler.class, HttpServletRequest.class })
	static class ServletPipelineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServletServerRequestPipeline servletServerRequestPipeline(ObjectProvider<ServerRequestListener> listeners) {
			return new ServletServerRequestPipeline(listeners);
		}

		@Bean
		@ConditionalOnMissingFilterBean(ResponseWriteFilter.class)
		FilterRegistrationBean<ResponseWriteFilter> responseWriteFilter() {
			FilterRegistrationBean<ResponseWriteFilter> registration = new FilterRegistrationBean<>(new ResponseWriteFilter());
			registration.setOrder(ResponseWriteFilter.ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.http.server.reactive.observation.ServerRequestObservationContext",
			"reactor.core.publisher.Mono", "io.micrometer.observation.ObservationHandler" })
	static class ReactivePipelineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveServerRequestPipeline reactiveServerRequestPipeline(ObjectProvider<ServerRequestListener> listeners) {
			return new ReactiveServerRequestPipeline(listeners);
		}

	}

}
