package dev.observability.autoconfigure.propagation;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * Adds the request id interceptor to every {@code RestClient} built from Spring Boot's {@code RestClient.Builder}.
 */
public class RequestIdRestClientCustomizer implements RestClientCustomizer {

	private final RequestIdClientHttpRequestInterceptor interceptor;

	public RequestIdRestClientCustomizer(String header) {
		this.interceptor = new RequestIdClientHttpRequestInterceptor(header);
	}

	@Override
	public void customize(RestClient.Builder builder) {
		builder.requestInterceptor(this.interceptor);
	}

}
