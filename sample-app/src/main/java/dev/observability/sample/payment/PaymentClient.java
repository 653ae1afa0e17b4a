package dev.observability.sample.payment;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Charges customers through the payment provider. The {@link RestClient} comes from Spring Boot's
 * auto-configured builder, so every call is observed and recorded in {@code http.client.requests}.
 */
@Component
public class PaymentClient implements ApplicationListener<WebServerInitializedEvent> {

	static final String CHARGES_PATH = "/simulated-payments/charges";

	private final RestClient.Builder builder;

	private volatile RestClient restClient;

	PaymentClient(RestClient.Builder builder, PaymentProperties properties) {
		this.builder = builder;
		if (StringUtils.hasText(properties.getBaseUrl())) {
			this.restClient = builder.baseUrl(properties.getBaseUrl()).build();
		}
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.restClient == null && event.getApplicationContext().getServerNamespace() == null) {
			this.restClient = this.builder.baseUrl("http://127.0.0.1:" + event.getWebServer().getPort()).build();
		}
	}

	/**
	 * Charges the customer.
	 * @param request the charge
	 * @return the captured charge
	 * @throws PaymentDeclinedException when the provider declines the charge
	 * @throws PaymentProviderException when the provider fails or cannot be reached
	 */
	public ChargeResponse charge(ChargeRequest request) {
		RestClient client = this.restClient;
		if (client == null) {
			throw new PaymentProviderException("Payment provider not ready: the web server has not started", null);
		}
		try {
			return client.post().uri(CHARGES_PATH).body(request).retrieve().body(ChargeResponse.class);
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.PAYMENT_REQUIRED)) {
				ChargeResponse declined = ex.getResponseBodyAs(ChargeResponse.class);
				throw new PaymentDeclinedException((declined != null) ? declined.reason() : "unknown");
			}
			throw new PaymentProviderException("Payment provider rejected the charge: " + ex.getStatusCode(), ex);
		}
		catch (RestClientException ex) {
			throw new PaymentProviderException("Payment provider failed: " + ex.getMessage(), ex);
		}
	}

}
