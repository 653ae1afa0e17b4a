package dev.observability.autoconfigure.saturation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.observability.autoconfigure.LogRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SaturationAutoConfigurationTests {

	private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			SaturationAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(METRICS);

	@Test
	void registersHeapAndCpuSaturationBetweenZeroAndOne() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SaturationMeterBinder.class);
			assertThat(context).doesNotHaveBean(TomcatSaturationMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertInUnitRange(saturation(registry, "jvm.heap"));
			assertThat(saturation(registry, "jvm.heap").value()).isGreaterThan(0);
			assertInUnitRange(saturation(registry, "cpu"));
			assertThat(registry.find("saturation").tag("resource", "tomcat.threads").gauge()).isNull();
		});
	}

	@Test
	void registersOneSeriesPerHikariPoolWithSanitizedName() {
		this.contextRunner.withUserConfiguration(HikariConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge pool = saturation(registry, "hikari.orders_pool_");
			assertThat(pool.value()).isZero();
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			try (var connection = dataSource.getConnection(); var second = dataSource.getConnection()) {
				assertThat(pool.value()).isEqualTo(0.5);
			}
		});
	}

	@Test
	void skipsHikariWhenHikariIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class)).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("saturation").tag("resource", "jvm.heap").gauge()).isNotNull();
			assertThat(registry.find("saturation").gauges()).noneMatch((gauge) -> gauge.getId()
				.getTag("resource")
				.startsWith("hikari."));
		});
	}

	@Test
	void measuresBoundedExecutorAgainstMaxAndUnboundedAgainstCore() {
		this.contextRunner.withUserConfiguration(ExecutorConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge bounded = saturation(registry, "executor.boundedExecutor");
			Gauge unbounded = saturation(registry, "executor.unboundedExecutor");
			assertThat(bounded.value()).isZero();
			assertThat(registry.find("saturation").tag("resource", "executor.unboundedWithoutCoreExecutor").gauge())
				.as("an executor with neither a max nor a core size is skipped")
				.isNull();
			CountDownLatch release = new CountDownLatch(1);
			ThreadPoolTaskExecutor boundedExecutor = context.getBean("boundedExecutor", ThreadPoolTaskExecutor.class);
			ThreadPoolTaskExecutor unboundedExecutor = context.getBean("unboundedExecutor", ThreadPoolTaskExecutor.class);
			try {
				boundedExecutor.execute(() -> waitFor(release));
				unboundedExecutor.execute(() -> waitFor(release));
				await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
					assertThat(bounded.value()).isEqualTo(0.25);
					assertThat(unbounded.value()).isEqualTo(0.5);
				});
			}
			finally {
				release.countDown();
			}
		});
	}

	@Test
	void registersTomcatThreadsFromTomcatMetersInServletApplication() {
		new WebApplicationContextRunner().withConfiguration(METRICS).withUserConfiguration(TomcatServer.class).run((context) -> {
			assertThat(context).hasSingleBean(TomcatSaturationMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge tomcat = saturation(registry, "tomcat.threads");
			assertThat(tomcat.value()).isZero();
			int[] busy = { 50 };
			Gauge.builder("tomcat.threads.busy", busy, (b) -> b[0]).register(registry);
			Gauge.builder("tomcat.threads.config.max", () -> 200).register(registry);
			assertThat(tomcat.value()).isEqualTo(0.25);
			busy[0] = 400;
			assertThat(tomcat.value()).isEqualTo(1.0);
		});
	}

	@Test
	void registersTomcatConnectionsAgainstTheConnectionLimit() {
		new WebApplicationContextRunner().withConfiguration(METRICS).withUserConfiguration(TomcatServer.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge connections = saturation(registry, "tomcat.connections");
			assertThat(connections.value()).isZero();
			Gauge.builder("tomcat.connections.current", () -> 2048).register(registry);
			Gauge.builder("tomcat.connections.config.max", () -> 8192).register(registry);
			assertThat(connections.value()).isEqualTo(0.25);
		});
	}

	@Test
	void leavesTheThreadPoolEntryOutWhenRequestsRunOnVirtualThreads() {
		MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		new TomcatSaturationMeterBinder(false).bindTo(registry);
		new JettySaturationMeterBinder(false).bindTo(registry);
		Gauge.builder("tomcat.threads.busy", () -> -1).register(registry);
		Gauge.builder("tomcat.threads.config.max", () -> -1).register(registry);
		assertThat(registry.find("saturation").tag("resource", "tomcat.threads").gauge()).isNull();
		assertThat(registry.find("saturation").tag("resource", "jetty.threads").gauge()).isNull();
		assertThat(registry.find("saturation").tag("resource", "tomcat.connections").gauge()).isNotNull();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void keepsTheThreadPoolEntryWhereVirtualThreadsCannotRun() {
		// spring.threads.virtual.enabled has no effect before Java 21: requests still run on the pool
		new WebApplicationContextRunner().withConfiguration(METRICS)
			.withUserConfiguration(TomcatServer.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)
				.find("saturation")
				.tag("resource", "tomcat.threads")
				.gauge()).isNotNull());
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void dropsTheThreadPoolEntriesWithVirtualThreads() {
		try (LogRecorder log = new LogRecorder(SaturationAutoConfiguration.class)) {
			new WebApplicationContextRunner().withConfiguration(METRICS)
				.withUserConfiguration(TomcatServer.class, JettyServer.class)
				.withPropertyValues("spring.threads.virtual.enabled=true")
				.run((context) -> {
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.find("saturation").tag("resource", "tomcat.threads").gauge()).isNull();
					assertThat(registry.find("saturation").tag("resource", "jetty.threads").gauge()).isNull();
					assertThat(registry.find("saturation").tag("resource", "tomcat.connections").gauge()).isNotNull();
				});
			assertThat(log.messages()).anyMatch((line) -> line.startsWith("Virtual threads are on")
					&& line.contains("tomcat.threads"));
		}
	}

	@Test
	void registersJettyThreadsOnlyWhenTheServerIsJetty() {
		new WebApplicationContextRunner().withConfiguration(METRICS).withUserConfiguration(JettyServer.class).run((context) -> {
			assertThat(context).hasSingleBean(JettySaturationMeterBinder.class)
				.doesNotHaveBean(TomcatSaturationMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge jetty = saturation(registry, "jetty.threads");
			assertThat(jetty.value()).isZero();
			Gauge.builder("jetty.threads.busy", () -> 10).register(registry);
			Gauge.builder("jetty.threads.config.max", () -> 200).register(registry);
			assertThat(jetty.value()).isEqualTo(0.05);
		});
	}

	@Test
	void registersTheBoundedElasticSchedulerOnlyInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(METRICS)
			.run((context) -> assertThat(context).hasSingleBean(BoundedElasticSaturationMeterBinder.class)
				.doesNotHaveBean(TomcatSaturationMeterBinder.class)
				.doesNotHaveBean(JettySaturationMeterBinder.class));
		new WebApplicationContextRunner().withConfiguration(METRICS)
			.run((context) -> assertThat(context).doesNotHaveBean(BoundedElasticSaturationMeterBinder.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(METRICS)
			.withClassLoader(new FilteredClassLoader("reactor.core.scheduler"))
			.run((context) -> assertThat(context).doesNotHaveBean(BoundedElasticSaturationMeterBinder.class));
	}

	@Test
	void skipsASchedulerThatDoesNotReportBusyWorkers() {
		MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		new BoundedElasticSaturationMeterBinder(reactor.core.scheduler.Schedulers::parallel).bindTo(registry);
		assertThat(registry.find("saturation").gauges()).isEmpty();
	}

	@Test
	void skipsTomcatThreadsWhenTomcatIsAbsent() {
		new WebApplicationContextRunner().withConfiguration(METRICS)
			.withUserConfiguration(TomcatServer.class)
			.withClassLoader(new FilteredClassLoader("org.apache.catalina"))
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatSaturationMeterBinder.class)
				.hasSingleBean(SaturationMeterBinder.class));
	}

	@Test
	void backsOffWhenUserDefinesBinder() {
		this.contextRunner.withUserConfiguration(UserBinderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SaturationMeterBinder.class);
			assertThat(context.getBean(SaturationMeterBinder.class))
				.isSameAs(context.getBean(UserBinderConfiguration.class).binder);
			assertThat(context.getBean(MeterRegistry.class).find("saturation").gauges()).isEmpty();
		});
	}

	@Test
	void registersNothingWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SaturationMeterBinder.class);
			assertThat(context.getBean(MeterRegistry.class).find("saturation").gauges()).isEmpty();
		});
	}

	@Test
	void registersNothingWhenSaturationIsDisabled() {
		this.contextRunner.withPropertyValues("observability.saturation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SaturationMeterBinder.class));
	}

	@Test
	void clampsEveryRatioIntoUnitRange() {
		assertThat(SaturationMeterBinder.ratio(5, 0)).isZero();
		assertThat(SaturationMeterBinder.ratio(5, -1)).isZero();
		assertThat(SaturationMeterBinder.ratio(5, Double.NaN)).isZero();
		assertThat(SaturationMeterBinder.ratio(Double.NaN, 4)).isZero();
		assertThat(SaturationMeterBinder.ratio(-3, 4)).isZero();
		assertThat(SaturationMeterBinder.ratio(8, 4)).isEqualTo(1.0);
		assertThat(SaturationMeterBinder.clamp(-1)).isZero();
		assertThat(SaturationMeterBinder.clamp(0.3)).isEqualTo(0.3);
	}

	@Test
	void sanitizesAndBoundsResourceNames() {
		assertThat(SaturationMeterBinder.sanitize("orders pool/1")).isEqualTo("orders_pool_1");
		assertThat(SaturationMeterBinder.sanitize("x".repeat(200))).hasSize(SaturationMeterBinder.MAX_NAME_LENGTH);
		assertThat(SaturationMeterBinder.sanitize(null)).isEqualTo("unnamed");
	}

	private static Gauge saturation(MeterRegistry registry, String resource) {
		return registry.get("saturation").tag("resource", resource).gauge();
	}

	private static void assertInUnitRange(Gauge gauge) {
		assertThat(gauge.value()).isBetween(0.0, 1.0);
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TomcatServer {

		@Bean
		TomcatServletWebServerFactory tomcatFactory() {
			return new TomcatServletWebServerFactory(0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JettyServer {

		@Bean
		JettyServletWebServerFactory jettyFactory() {
			return new JettyServletWebServerFactory(0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HikariConfiguration {

		@Bean
		DataSource dataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:h2:mem:saturation;DB_CLOSE_DELAY=-1");
			dataSource.setPoolName("orders pool!");
			dataSource.setMaximumPoolSize(4);
			dataSource.setMinimumIdle(0);
			return dataSource;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorConfiguration {

		@Bean
		ThreadPoolTaskExecutor boundedExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(4);
			executor.setMaxPoolSize(4);
			return executor;
		}

		@Bean
		ThreadPoolTaskExecutor unboundedWithoutCoreExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(0);
			return executor;
		}

		@Bean
		ThreadPoolTaskExecutor unboundedExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(2);
			return executor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBinderConfiguration {

		final SaturationMeterBinder binder = new SaturationMeterBinder(java.util.Map::of) {

			@Override
			public void bindTo(MeterRegistry registry) {
			}

		};

		@Bean
		SaturationMeterBinder userSaturationBinder() {
			return this.binder;
		}

	}

}
