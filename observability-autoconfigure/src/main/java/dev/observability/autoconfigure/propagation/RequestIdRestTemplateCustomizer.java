package dev.observability.autoconfigure.propagation;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the request id interceptor to every {@code RestTemplate} built from Spring Boot's {@code RestTemplateBuilder}.
 */
public class RequestIdRestTemplateCustomizer implements RestTemplateCustomizer {

	private final RequestIdClientHttpRequestInterceptor interceptor;

	public RequestIdRestTemplateCustomizer(String header) {
		this.interceptor = new RequestIdClientHttpRequestInterceptor(header);
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		restTemplate.getInterceptors().add(this.interceptor);
	}

}
