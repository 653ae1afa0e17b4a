package dev.observability.autoconfigure.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Contributes the starter's Kafka defaults as the last property source (anything a user sets wins), only when
 * spring-kafka is on the classpath and the starter is enabled: template and listener observations on (Spring
 * Boot leaves both off), so sends and listener invocations are timed and traced and the trace continues from
 * producer to consumer through the record headers; percentile histograms on their timers and on the starter's
 * end-to-end latency timer (up to 10m, as records may wait in the topic far longer than a request lasts).
 */
public class MessagingDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "observabilityMessagingDefaults";

	static final String KAFKA_TEMPLATE = "org.springframework.kafka.core.KafkaTemplate";

	static final Map<String, Object> DEFAULTS = Map.of(
			"spring.kafka.template.observation-enabled", "true",
			"spring.kafka.listener.observation-enabled", "true",
			"management.metrics.distribution.percentiles-histogram.spring.kafka.listener", "true",
			"management.metrics.distribution.percentiles-histogram.spring.kafka.template", "true",
			"management.metrics.distribution.percentiles-histogram.messaging.end.to.end.latency", "true",
			"management.metrics.distribution.maximum-expected-value.messaging.end.to.end.latency", "10m");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ConditionalOnEnabledObservability.PROPERTY, Boolean.class, true)
				|| !ClassUtils.isPresent(KAFKA_TEMPLATE, getClass().getClassLoader())) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(DEFAULTS)));
	}

}
