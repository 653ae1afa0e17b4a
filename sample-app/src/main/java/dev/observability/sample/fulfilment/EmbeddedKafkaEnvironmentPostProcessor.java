package dev.observability.sample.fulfilment;

import java.util.Map;

import dev.observability.sample.SampleApplication;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts, for the sample application only, an in-JVM Kafka broker (KRaft, one node) and points {@code spring.kafka.bootstrap-servers} at it when
 * no broker is configured, so the sample runs with nothing installed; the {@code kafka} profile (or any
 * {@code spring.kafka.bootstrap-servers}) uses a real broker instead, and {@code sample.kafka.embedded=false}
 * turns this off. One broker serves every application context of the JVM and stops with it.
 */
public class EmbeddedKafkaEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	private static EmbeddedKafkaKraftBroker broker;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// only for the sample itself: other applications on its test class path (child JVMs, zero-config apps)
		// neither need a broker nor pay for one
		if (!application.getAllSources().contains(SampleApplication.class)
				|| environment.getProperty(BOOTSTRAP_SERVERS) != null
				|| !environment.getProperty("sample.kafka.embedded", Boolean.class, true)) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("sampleEmbeddedKafka", Map.of(BOOTSTRAP_SERVERS, brokers())));
	}

	private static synchronized String brokers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 2);
			started.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "sample-kafka-shutdown"));
			broker = started;
		}
		return broker.getBrokersAsString();
	}

}
