package dev.observability.autoconfigure.propagation;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.tracing.TracingProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The request id follows the request onto outgoing calls: customizers of Spring Boot's {@code RestClient.Builder},
 * {@code RestTemplateBuilder} and {@code WebClient.Builder} add the current request id under the inbound header
 * name ({@code observability.tracing.request-id.header}). Each applies only when its client library and Boot's
 * module for it are present; a user's customizer bean of the same type replaces it.
 */
@AutoConfiguration
@ConditionalOnEnabledObservability
@ConditionalOnBooleanProperty(name = "observability.tracing.request-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "observability.tracing.request-id.propagate", matchIfMissing = true)
@EnableConfigurationProperties(TracingProperties.class)
public final class RequestIdPropagationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdRestClientCustomizer requestIdRestClientCustomizer(TracingProperties properties) {
			return new RequestIdRestClientCustomizer(properties.getRequestId().getHeader());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static class RestTemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdRestTemplateCustomizer requestIdRestTemplateCustomizer(TracingProperties properties) {
			return new RequestIdRestTemplateCustomizer(properties.getRequestId().getHeader());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdWebClientCustomizer requestIdWebClientCustomizer(TracingProperties properties) {
			return new RequestIdWebClientCustomizer(properties.getRequestId().getHeader());
		}

	}

}
