package dev.observability.autoconfigure.saturation;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.observability.autoconfigure.ConditionalOnEnabledObservability;
import dev.observability.autoconfigure.saturation.SaturationMeterBinder.SaturationSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;

/**
 * The uniform {@code saturation} gauge (tag {@code resource}, a ratio in [0, 1]) for the JVM heap, the
 * process CPU, every {@code HikariDataSource} bean (when Hikari is present) and every
 * {@code ThreadPoolTaskExecutor} bean, plus the web server's entries: Tomcat's request threads and connections,
 * Jetty's request threads (no thread-pool entry with virtual threads) and, in a reactive application, Reactor's
 * bounded-elastic scheduler. Pools are looked up when the binder is bound, after all singletons exist.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
		"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration" })
@ConditionalOnEnabledObservability
@ConditionalOnBooleanProperty(name = "observability.saturation.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(SaturationProperties.class)
public final class SaturationAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SaturationAutoConfiguration.class);

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
	@ConditionalOnBean(type = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	static class TomcatSaturationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatSaturationMeterBinder tomcatSaturationMeterBinder(Environment environment) {
			boolean threadPool = threadPool(environment, SaturationMeterBinder.TOMCAT_THREADS,
					"tomcat.connections measures the connection limit instead");
			return new TomcatSaturationMeterBinder(threadPool);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.eclipse.jetty.server.Server")
	@ConditionalOnBean(type = "org.springframework.boot.jetty.servlet.JettyServletWebServerFactory")
	static class JettySaturationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettySaturationMeterBinder jettySaturationMeterBinder(Environment environment) {
			return new JettySaturationMeterBinder(threadPool(environment, SaturationMeterBinder.JETTY_THREADS,
					"Jetty's virtual thread pool has no busy-thread gauge"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "reactor.core.scheduler.Schedulers")
	static class ReactorSaturationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BoundedElasticSaturationMeterBinder boundedElasticSaturationMeterBinder() {
			return new BoundedElasticSaturationMeterBinder();
		}

	}

	/**
	 * Whether requests run on the web server's thread pool: not with virtual threads
	 * ({@code spring.threads.virtual.enabled=true} on Java 21 or later), where a pool entry would read a constant 0;
	 * says so once, at start-up, when it leaves the entry out.
	 */
	static boolean threadPool(Environment environment, String resource, String instead) {
		boolean virtual = Threading.VIRTUAL.isActive(environment);
		if (virtual) {
			logger.info(LogMessage.format("Virtual threads are on: saturation{resource=\"%s\"} is not registered "
					+ "(requests do not run on a thread pool; %s)", resource, instead));
		}
		return !virtual;
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
