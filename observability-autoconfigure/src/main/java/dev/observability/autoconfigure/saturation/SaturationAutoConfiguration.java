package dev.observability.autoconfigure.saturation;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.saturation.SaturationMeterBinder.SaturationSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;

/**
 * The uniform {@code saturation} gauge (tag {@code resource}, a ratio in [0, 1]) for the JVM heap, the
 * process CPU, Tomcat's request threads (only in a servlet application on Tomcat), every
 * {@code HikariDataSource} bean (when Hikari is present) and every {@code ThreadPoolTaskExecutor} bean.
 * Pools are looked up when the binder is bound, after all singletons exist.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnEnabledObservability
@ConditionalOnBooleanProperty(name = "observability.saturation.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(SaturationProperties.class)
public final class SaturationAutoConfiguration {

	private static final String HIKARI_CLASS = "com.zaxxer.hikari.HikariDataSource";

	@Bean
	@ConditionalOnMissingBean
	SaturationMeterBinder saturationMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		return new SaturationMeterBinder(() -> {
			Map<String, SaturationSource> sources = new LinkedHashMap<>();
			if (ClassUtils.isPresent(HIKARI_CLASS, classLoader)) {
				sources.putAll(HikariSources.find(beanFactory));
			}
			sources.putAll(ExecutorSources.find(beanFactory));
			return sources;
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatSaturationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatSaturationMeterBinder tomcatSaturationMeterBinder() {
			return new TomcatSaturationMeterBinder();
		}

	}

	/** Kept apart so that Hikari is only loaded when present. */
	static final class HikariSources {

		static Map<String, SaturationSource> find(ListableBeanFactory beanFactory) {
			Map<String, SaturationSource> named = new LinkedHashMap<>();
			beanFactory.getBeansOfType(HikariDataSource.class, false, false).forEach((beanName, dataSource) -> {
				String pool = (dataSource.getPoolName() != null) ? dataSource.getPoolName() : beanName;
				named.put(pool, () -> {
					HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
					return (mx != null) ? SaturationMeterBinder.ratio(mx.getActiveConnections(),
							dataSource.getMaximumPoolSize()) : 0;
				});
			});
			return SaturationMeterBinder.byResource(SaturationMeterBinder.HIKARI_PREFIX, named);
		}

	}

	/**
	 * An executor whose max pool size is unbounded ({@code Integer.MAX_VALUE}, Spring's default) is measured
	 * against its core size, which is the most threads it runs with an unbounded queue; an executor with
	 * neither bound is skipped.
	 */
	static final class ExecutorSources {

		static Map<String, SaturationSource> find(ListableBeanFactory beanFactory) {
			Map<String, SaturationSource> named = new LinkedHashMap<>();
			beanFactory.getBeansOfType(ThreadPoolTaskExecutor.class, false, false).forEach((beanName, executor) -> {
				if (capacity(executor) > 0) {
					named.put(beanName, () -> SaturationMeterBinder.ratio(executor.getActiveCount(), capacity(executor)));
				}
			});
			return SaturationMeterBinder.byResource(SaturationMeterBinder.EXECUTOR_PREFIX, named);
		}

		static int capacity(ThreadPoolTaskExecutor executor) {
			int max = executor.getMaxPoolSize();
			return (max > 0 && max < Integer.MAX_VALUE) ? max : executor.getCorePoolSize();
		}

	}

}
