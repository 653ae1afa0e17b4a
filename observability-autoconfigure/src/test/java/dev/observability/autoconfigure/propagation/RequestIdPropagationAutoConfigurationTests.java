package dev.observability.autoconfigure.propagation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.observability.autoconfigure.tracing.RequestIdThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request id goes out on calls made through Spring Boot's client builders, checked at a real HTTP server that
 * records the header it received.
 */
class RequestIdPropagationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RequestIdPropagationAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
				RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class,
				WebClientAutoConfiguration.class));

	private final BlockingQueue<List<String>> received = new LinkedBlockingQueue<>();

	private HttpServer server;

	private String url;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			List<String> values = exchange.getRequestHeaders().get("X-Correlation");
			this.received.add((values != null) ? values : List.of());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
		this.url = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/downstream";
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		MDC.clear();
	}

	@Test
	void restClientSendsTheCurrentRequestIdUnderTheInboundHeaderName() {
		this.contextRunner.withPropertyValues("observability.tracing.request-id.header=X-Correlation").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			MDC.put(RequestIdThreadLocalAccessor.KEY, "rest-client-id-1");
			client.get().uri(this.url).retrieve().toBodilessEntity();
			assertThat(nextReceived()).containsExactly("rest-client-id-1");
			MDC.remove(RequestIdThreadLocalAccessor.KEY);
			client.get().uri(this.url).retrieve().toBodilessEntity();
			assertThat(nextReceived()).as("no current request id, no header").isEmpty();
			MDC.put(RequestIdThreadLocalAccessor.KEY, "rest-client-id-2");
			client.get().uri(this.url).header("X-Correlation", "set-by-caller").retrieve().toBodilessEntity();
			assertThat(nextReceived()).as("the caller's header wins").containsExactly("set-by-caller");
		});
	}

	@Test
	void restTemplateSendsTheCurrentRequestId() {
		this.contextRunner.withPropertyValues("observability.tracing.request-id.header=X-Correlation").run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).build();
			MDC.put(RequestIdThreadLocalAccessor.KEY, "rest-template-id");
			restTemplate.getForEntity(this.url, Void.class);
			assertThat(nextReceived()).containsExactly("rest-template-id");
			MDC.remove(RequestIdThreadLocalAccessor.KEY);
			restTemplate.getForEntity(this.url, Void.class);
			assertThat(nextReceived()).isEmpty();
		});
	}

	@Test
	void webClientPrefersTheReactorContextAndFallsBackToTheMdc() {
		this.contextRunner.withPropertyValues("observability.tracing.request-id.header=X-Correlation").run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class).build();
			MDC.put(RequestIdThreadLocalAccessor.KEY, "from-mdc");
			client.get().uri(this.url).retrieve().toBodilessEntity().block();
			assertThat(nextReceived()).containsExactly("from-mdc");
			client.get()
				.uri(this.url)
				.retrieve()
				.toBodilessEntity()
				.contextWrite(Context.of(RequestIdThreadLocalAccessor.KEY, "from-reactor-context"))
				.block();
			assertThat(nextReceived()).containsExactly("from-reactor-context");
			client.get().uri(this.url).header("X-Correlation", "set-by-caller").retrieve().toBodilessEntity().block();
			assertThat(nextReceived()).containsExactly("set-by-caller");
			MDC.remove(RequestIdThreadLocalAccessor.KEY);
			Mono.defer(() -> client.get().uri(this.url).retrieve().toBodilessEntity()).block();
			assertThat(nextReceived()).isEmpty();
		});
	}

	@Test
	void usesTheDefaultHeaderName() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RequestIdRestClientCustomizer.class)
				.hasSingleBean(RequestIdRestTemplateCustomizer.class)
				.hasSingleBean(RequestIdWebClientCustomizer.class);
			this.server.removeContext("/");
			this.server.createContext("/", (exchange) -> {
				List<String> values = exchange.getRequestHeaders().get("X-Request-ID");
				this.received.add((values != null) ? values : List.of());
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			MDC.put(RequestIdThreadLocalAccessor.KEY, "default-header-id");
			context.getBean(RestClient.Builder.class).build().get().uri(this.url).retrieve().toBodilessEntity();
			assertThat(nextReceived()).containsExactly("default-header-id");
		});
	}

	@Test
	void backsOffToAUserCustomizer() {
		this.contextRunner.withUserConfiguration(UserCustomizer.class).run((context) -> {
			assertThat(context).hasSingleBean(RequestIdRestClientCustomizer.class).hasBean("userRequestIdCustomizer");
			assertThat(context).hasSingleBean(RequestIdWebClientCustomizer.class);
		});
	}

	@Test
	void sendsNothingWhenPropagationIsOff() {
		this.contextRunner
			.withPropertyValues("observability.tracing.request-id.propagate=false",
					"observability.tracing.request-id.header=X-Correlation")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RequestIdRestClientCustomizer.class)
					.doesNotHaveBean(RequestIdRestTemplateCustomizer.class)
					.doesNotHaveBean(RequestIdWebClientCustomizer.class);
				MDC.put(RequestIdThreadLocalAccessor.KEY, "not-sent");
				context.getBean(RestClient.Builder.class).build().get().uri(this.url).retrieve().toBodilessEntity();
				assertThat(nextReceived()).isEmpty();
			});
	}

	@Test
	void backsOffWhenRequestIdsOrTheStarterAreOff() {
		this.contextRunner.withPropertyValues("observability.tracing.request-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestIdRestClientCustomizer.class));
		this.contextRunner.withPropertyValues("observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestIdWebClientCustomizer.class));
	}

	@Test
	void skipsAClientWhoseLibraryIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestIdWebClientCustomizer.class)
				.hasSingleBean(RequestIdRestClientCustomizer.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestIdRestClientCustomizer.class)
				.hasSingleBean(RequestIdWebClientCustomizer.class));
	}

	private List<String> nextReceived() throws InterruptedException {
		List<String> headers = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(headers).as("a request reached the server").isNotNull();
		return headers;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizer {

		@Bean
		RequestIdRestClientCustomizer userRequestIdCustomizer() {
			return new RequestIdRestClientCustomizer("X-Other");
		}

	}

}
