package dev.observability.autoconfigure.defaults;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.PropertiesMeterFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityDefaultsEnvironmentPostProcessorTests {

	private static final String HISTOGRAM = "management.metrics.distribution.percentiles-histogram.";

	private static final String SLO = "management.metrics.distribution.slo.";

	private final ObservabilityDefaultsEnvironmentPostProcessor postProcessor = new ObservabilityDefaultsEnvironmentPostProcessor();

	@Test
	void contributesDefaultsAsTheLastPropertySource() {
		ConfigurableEnvironment environment = environment(Map.of("spring.application.name", "orders-service"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(ObservabilityDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,slo");
		assertThat(environment.getProperty("management.metrics.distribution.percentiles-histogram.http.server.requests"))
			.isEqualTo("true");
		assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("orders-service");
		assertThat(environment.getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
	}

	@Test
	void runsLastSoThatEveryOtherPropertySourceIsInPlace() {
		// the computed defaults read application.yml, profiles and other post-processors' contributions
		assertThat(this.postProcessor.getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
	}

	@Test
	void letsAUserPropertyWin() {
		ConfigurableEnvironment environment = environment(
				Map.of("management.endpoints.web.exposure.include", "health", "server.tomcat.mbeanregistry.enabled", "false"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
		assertThat(environment.getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("false");
	}

	@Test
	void leavesOtlpMetricsExportAloneWhenAUrlIsConfigured() {
		ConfigurableEnvironment environment = environment(
				Map.of("management.otlp.metrics.export.url", "http://127.0.0.1:4318/v1/metrics"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isNull();
	}

	@Test
	void contributesNothingWhenObservabilityIsDisabled() {
		ConfigurableEnvironment environment = environment(Map.of("observability.enabled", "false"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(ObservabilityDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isNull();
	}

	@Test
	void isAppliedBySpringApplicationAfterConfigData() {
		try (ConfigurableApplicationContext context = application("--server.tomcat.mbeanregistry.enabled=false")) {
			assertThat(context.getEnvironment().getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("false");
			assertThat(context.getEnvironment().getProperty("management.endpoints.web.exposure.include"))
				.isEqualTo("health,info,prometheus,slo");
		}
		try (ConfigurableApplicationContext context = application("--observability.enabled=false")) {
			assertThat(context.getEnvironment().getProperty("management.endpoints.web.exposure.include")).isNull();
		}
	}

	@Test
	void everyStaticDefaultIsASpringBootProperty() {
		assertThat(ObservabilityDefaultsEnvironmentPostProcessor.loadStaticDefaults().stringPropertyNames()).isNotEmpty()
			.allMatch((key) -> key.startsWith("management.") || key.startsWith("server.") || key.startsWith("spring."));
	}

	private static ConfigurableApplicationContext application(String... args) {
		return new SpringApplicationBuilder(EmptyConfiguration.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args);
	}

	private static ConfigurableEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	@Test
	void givesBothRequestTimersHistogramsAndExactBucketsButLeavesTheLongTaskTimersPlain() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		for (String timer : List.of("http.server.requests", "http.client.requests")) {
			assertThat(environment.getProperty(HISTOGRAM + timer)).isEqualTo("true");
			assertThat(environment.getProperty(SLO + timer)).isEqualTo("100ms,300ms,1000ms,1200ms");
			assertThat(environment.getProperty(HISTOGRAM + timer + ".active")).isEqualTo("false");
			assertThat(environment.getProperty(SLO + timer + ".active")).isEmpty();
		}
	}

	@Test
	void bucketsAreTheSloBucketsTheApdexThresholdFourTimesItAndEveryLatencyThresholdSortedOnce() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.http.slo-buckets", "2s,50ms")
			.withProperty("observability.http.apdex-threshold", "500ms")
			.withProperty("observability.slo.objectives.checkout.type", "latency")
			.withProperty("observability.slo.objectives.checkout.threshold", "2s")
			.withProperty("observability.slo.objectives.search.type", "latency")
			.withProperty("observability.slo.objectives.search.threshold", "750us")
			.withProperty("observability.slo.objectives.orders.type", "availability");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SLO + "http.server.requests"))
			.isEqualTo("750000ns,50ms,500ms,2000ms");
		assertThat(environment.getProperty(SLO + "http.client.requests"))
			.isEqualTo(environment.getProperty(SLO + "http.server.requests"));
	}

	@Test
	void givesEachTimerTheThresholdsOfTheObjectivesReadFromItOnly() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("observability.slo.objectives.checkout.type", "latency")
			.withProperty("observability.slo.objectives.checkout.threshold", "250ms")
			.withProperty("observability.slo.objectives.orders.type", "message-latency")
			.withProperty("observability.slo.objectives.orders.threshold", "5s")
			.withProperty("observability.slo.objectives.late.type", "message-latency")
			.withProperty("observability.slo.objectives.late.threshold", "2s")
			.withProperty("observability.slo.objectives.fulfilment.type", "message-processing-latency")
			.withProperty("observability.slo.objectives.fulfilment.threshold", "40ms")
			.withProperty("observability.slo.objectives.available.type", "message-availability");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SLO + "http.server.requests")).isEqualTo("100ms,250ms,300ms,1000ms,1200ms");
		assertThat(environment.getProperty(SLO + "http.client.requests")).isEqualTo("100ms,250ms,300ms,1000ms,1200ms");
		assertThat(environment.getProperty(SLO + "spring.kafka.listener")).isEqualTo("40ms");
		assertThat(environment.getProperty(SLO + "spring.kafka.listener.active")).isEmpty();
		assertThat(environment.getProperty(SLO + "messaging.end.to.end.latency")).isEqualTo("2000ms,5000ms");
	}

	@Test
	void contributesNoMessagingBucketsWithoutMessageLatencyObjectives() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("observability.slo.objectives.checkout.type", "latency")
			.withProperty("observability.slo.objectives.checkout.threshold", "250ms")
			.withProperty("observability.slo.objectives.available.type", "message-availability");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SLO + "spring.kafka.listener")).isNull();
		assertThat(environment.getProperty(SLO + "spring.kafka.listener.active")).isNull();
		assertThat(environment.getProperty(SLO + "messaging.end.to.end.latency")).isNull();
	}

	@Test
	void theMessagingBucketsReachTheKafkaTimersThroughBootsMeterFilter() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("observability.slo.objectives.orders.type", "message-latency")
			.withProperty("observability.slo.objectives.orders.threshold", "5s")
			.withProperty("observability.slo.objectives.fulfilment.type", "message-processing-latency")
			.withProperty("observability.slo.objectives.fulfilment.threshold", "40ms")
			.withProperty("observability.slo.objectives.checkout.type", "latency")
			.withProperty("observability.slo.objectives.checkout.threshold", "250ms");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		MetricsProperties properties = Binder.get(environment)
			.bindOrCreate("management.metrics", MetricsProperties.class);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(new PropertiesMeterFilter(properties));
		assertThat(bucketsOf(Timer.builder("spring.kafka.listener").register(registry))).containsExactly(0.04);
		assertThat(bucketsOf(Timer.builder("messaging.end.to.end.latency").register(registry))).containsExactly(5.0);
		LongTaskTimer active = LongTaskTimer.builder("spring.kafka.listener.active").register(registry);
		assertThat(active.takeSnapshot().histogramCounts()).isEmpty();
	}

	private static double[] bucketsOf(Timer timer) {
		return Arrays.stream(timer.takeSnapshot().histogramCounts())
			.mapToDouble((bucket) -> bucket.bucket(TimeUnit.SECONDS))
			.toArray();
	}

	@Test
	void followsTheRequestTimerNamesConfiguredInSpringBoot() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.observations.http.server.requests.name", "inbound")
			.withProperty("management.observations.http.client.requests.name", "outbound");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SLO + "inbound")).isEqualTo("100ms,300ms,1000ms,1200ms");
		assertThat(environment.getProperty(SLO + "inbound.active")).isEmpty();
		assertThat(environment.getProperty(HISTOGRAM + "outbound")).isEqualTo("true");
		assertThat(environment.getProperty(SLO + "outbound")).isEqualTo("100ms,300ms,1000ms,1200ms");
		assertThat(environment.getProperty(SLO + "http.server.requests")).isNull();
	}

	@Test
	void leavesOutValuesThatTheStarterRejectsAtStartUp() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.http.apdex-threshold", "-300ms")
			.withProperty("observability.slo.objectives.checkout.type", "latency")
			.withProperty("observability.slo.objectives.checkout.threshold", "soon");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SLO + "http.server.requests")).isEqualTo("100ms,300ms,1000ms");
	}

	@Test
	void aUserBucketPropertyReplacesTheComputedOne() {
		MockEnvironment environment = new MockEnvironment().withProperty(SLO + "http.server.requests", "5s");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SLO + "http.server.requests")).isEqualTo("5s");
	}

	@Test
	void propagatesContextToTaskExecutionByDefault() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context", Boolean.class)).isTrue();
	}

	@Test
	void userSettingsWin() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.task.execution.propagate-context", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context", Boolean.class)).isFalse();
	}

	@Test
	void addsServiceVersionAndEnvironmentToTheOpenTelemetryResourceWhenKnown() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.version", "2.0.1");
		environment.setActiveProfiles("staging");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[service.version]")).isEqualTo("2.0.1");
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[deployment.environment]"))
			.isEqualTo("staging");
	}

	@Test
	void addsNoUnknownResourceAttributes() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[deployment.environment]")).isNull();
	}

	@Test
	void contributesNoTracingDefaultsWhenObservabilityIsDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("observability.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context")).isNull();
	}

}
