package dev.observability.autoconfigure.propagation;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the request id filter to every {@code WebClient} built from Spring Boot's {@code WebClient.Builder}.
 */
public class RequestIdWebClientCustomizer implements WebClientCustomizer {

	private final RequestIdExchangeFilterFunction filter;

	public RequestIdWebClientCustomizer(String header) {
		this.filter = new RequestIdExchangeFilterFunction(header);
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filter(this.filter);
	}

}
