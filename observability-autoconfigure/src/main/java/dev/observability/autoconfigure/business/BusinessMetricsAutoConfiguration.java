package dev.observability.autoconfigure.business;

import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.business.BusinessMetrics;
import dev.observability.slo.SloRecorder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Business meters declared under {@code observability.business.meters}: a {@link BusinessMetrics} bean to
 * record them and {@code @BusinessEvent} support (Spring AOP proxies, no AspectJ).
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnEnabledObservability
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(BusinessProperties.class)
public final class BusinessMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BusinessMeterDefinitions businessMeterDefinitions(BusinessProperties properties, Environment environment) {
		return BusinessMeterDefinitions.of(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MeterRegistry.class)
	BusinessMetrics businessMetrics(BusinessMeterDefinitions definitions, MeterRegistry registry) {
		return new DefaultBusinessMetrics(definitions, registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractBeanFactoryAwareAdvisingPostProcessor.class)
	static class BusinessEventConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static BusinessEventBeanPostProcessor businessEventBeanPostProcessor(
				ObjectProvider<BusinessMeterDefinitions> definitions, ObjectProvider<BusinessMetrics> metrics,
				ObjectProvider<SloRecorder> sloRecorder, Environment environment) {
			BusinessEventBeanPostProcessor postProcessor = new BusinessEventBeanPostProcessor(definitions, metrics,
					sloRecorder);
			postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
			return postProcessor;
		}

	}

}
