package dev.observability.autoconfigure.business;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.observability.autoconfigure.LogRecorder;
import dev.observability.autoconfigure.StartupFailureReport;
import dev.observability.business.BusinessEvent;
import dev.observability.business.BusinessMetrics;
import dev.observability.slo.SloRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BusinessMetricsAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			BusinessMetricsAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
		.withPropertyValues("observability.business.meters[orders.placed].type=counter",
				"observability.business.meters[orders.placed].description=Orders placed",
				"observability.business.meters[orders.placed].tags=channel,payment_method",
				"observability.business.meters[checkout.duration].type=timer",
				"observability.business.meters[refunds].type=counter");

	@Test
	void providesBusinessMetricsAndRegistersUntaggedMetersAtStartUp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BusinessMetrics.class).hasSingleBean(BusinessEventBeanPostProcessor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("checkout.duration").timer().count()).isZero();
			assertThat(registry.get("refunds").counter().count()).isZero();
			assertThat(registry.find("orders.placed").counters()).isEmpty();
			context.getBean(BusinessMetrics.class).increment("orders.placed", "channel", "web", "payment_method", "card");
			assertThat(registry.get("orders.placed").tags("channel", "web", "payment_method", "card").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void bindsMeterNamesWrittenInYamlBrackets() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("observability.business.meters.[orders.placed].type=timer")
			.run((context) -> assertThat(context.getBean(BusinessMeterDefinitions.class).get("orders.placed").getType())
				.isEqualTo(BusinessProperties.MeterType.TIMER));
	}

	@Test
	void backsOffWhenUserDefinesBusinessMetrics() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BusinessMetrics.class);
			assertThat(context.getBean(BusinessMetrics.class)).isInstanceOf(RecordingBusinessMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("refunds").counters()).isEmpty();
		});
	}

	@Test
	void contributesNothingWhenObservabilityIsDisabled() {
		this.contextRunner.withPropertyValues("observability.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BusinessMetrics.class)
				.doesNotHaveBean(BusinessEventBeanPostProcessor.class)
				.doesNotHaveBean(BusinessProperties.class);
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BusinessMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BusinessMetrics.class)
				.doesNotHaveBean(BusinessMeterDefinitions.class));
	}

	@Test
	void recordsWithoutAnnotationSupportWhenSpringAopIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AbstractBeanFactoryAwareAdvisingPostProcessor.class))
			.run((context) -> assertThat(context).hasSingleBean(BusinessMetrics.class)
				.doesNotHaveBean(BusinessEventBeanPostProcessor.class));
	}

	@Test
	void failsFastOnAnInvalidTagKey() {
		this.contextRunner.withPropertyValues("observability.business.meters[orders.placed].tags=channel,order-id")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.business.meters[orders.placed].tags[1]")
				.hasMessageContaining("'order-id'")
				.hasMessageContaining("a Prometheus label name"));
	}

	@Test
	void failsFastOnAMaxTagValuesBelowOne() {
		this.contextRunner.withPropertyValues("observability.business.max-tag-values=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.business.max-tag-values")
				.hasMessageContaining("'0'")
				.hasMessageContaining("at least 1"));
	}

	@Test
	void bindsDottedMeterNamesWrittenWithoutBrackets() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("observability.business.meters.orders.cancelled.type=summary",
					"observability.business.meters.orders.cancelled.base-unit=cents",
					"observability.business.meters.orders.cancelled.tags[0]=reason",
					"observability.business.meters.orders.cancelled.tags[1]=channel",
					"observability.business.meters.orders.type=gauge", "observability.business.meters.visits.type=counter")
			.run((context) -> {
				BusinessMeterDefinitions definitions = context.getBean(BusinessMeterDefinitions.class);
				assertThat(definitions.all()).containsOnlyKeys("orders.cancelled", "orders", "visits");
				assertThat(definitions.get("orders.cancelled").getType()).isEqualTo(BusinessProperties.MeterType.SUMMARY);
				assertThat(definitions.get("orders.cancelled").getBaseUnit()).isEqualTo("cents");
				assertThat(definitions.get("orders.cancelled").getDeclaredTags()).containsExactly("reason", "channel");
				assertThat(definitions.get("orders").getType()).isEqualTo(BusinessProperties.MeterType.GAUGE);
				context.getBean(BusinessMetrics.class).record("orders.cancelled", 5, "reason", "fraud");
				assertThat(context.getBean(MeterRegistry.class).get("orders.cancelled").tag("reason", "fraud").summary().count())
					.isEqualTo(1);
			});
	}

	@Test
	void failsFastOnAnInvalidTagKeyOfAnUnbracketedDottedName() {
		this.contextRunner.withPropertyValues("observability.business.meters.orders.cancelled.tags=order-id")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.business.meters[orders.cancelled].tags[0]")
				.hasMessageContaining("'order-id'"));
	}

	@Test
	void failsFastOnAnUnknownMeterField() {
		this.contextRunner.withPropertyValues("observability.business.meters[orders.placed].unit=orders")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("observability.business.meters[orders.placed].unit")
				.hasMessageContaining("one of type, description, base-unit, tags"));
	}

	@Test
	void reportsAnUnknownTypeOfAnUnbracketedDottedNameWithTheValidValues() {
		this.contextRunner.withPropertyValues("observability.business.meters.orders.cancelled.type=histgram")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailureReport.of(failure))
					.contains("observability.business.meters[orders.cancelled].type")
					.contains("histgram")
					.contains("The following values are valid")
					.contains("SUMMARY")));
	}

	@Test
	void reportsAnUnknownMeterTypeWithTheValidValues() {
		this.contextRunner.withPropertyValues("observability.business.meters[orders.placed].type=histgram")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailureReport.of(failure))
					.contains("observability.business.meters[orders.placed].type")
					.contains("histgram")
					.contains("The following values are valid")
					.contains("COUNTER", "GAUGE", "TIMER", "SUMMARY")));
	}

	@Test
	void reportsAnInvalidTagKeyWithKeyValueAndWhatIsAllowed() {
		this.contextRunner.withPropertyValues("observability.business.meters[orders.placed].tags=1st")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailureReport.of(failure))
					.contains("observability.business.meters[orders.placed].tags[0]")
					.contains("1st")
					.contains("a Prometheus label name")));
	}

	@Test
	void countsAnnotatedCallsWithSpelTagsOutcomeAndSlo() {
		this.contextRunner.withUserConfiguration(CheckoutConfiguration.class).run((context) -> {
			Checkout checkout = context.getBean(Checkout.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(checkout.place(new Order("web", "card", 10))).isEqualTo("order-10");
			assertThat(checkout.place(new Order("app", "card", 20))).isEqualTo("order-20");
			assertThatIllegalStateException().isThrownBy(() -> checkout.place(new Order("web", "card", -1)));
			assertThat(registry.get("orders.placed")
				.tags("channel", "web", "payment_method", "card", "outcome", "success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("orders.placed")
				.tags("channel", "web", "payment_method", "card", "outcome", "failure")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("orders.placed").tags("channel", "app", "outcome", "success").counter().count())
				.isEqualTo(1);
			assertThat(context.getBean(RecordingSloRecorder.class).events).containsExactly("checkout:true",
					"checkout:true", "checkout:false");
		});
	}

	@Test
	void evaluatesResultOnSuccessAndRegistersOutcomesOfUntaggedEventCountersAtZero() {
		this.contextRunner.withUserConfiguration(CheckoutConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("refunds").tag("outcome", "success").counter().count()).isZero();
			assertThat(registry.get("refunds").tag("outcome", "failure").counter().count()).isZero();
			context.getBean(Checkout.class).refund(new Order("web", "card", 5));
			assertThat(registry.get("refunds").tag("outcome", "success").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void recordsUnknownAndKeepsTheCallWorkingWhenAnExpressionFails() {
		try (LogRecorder log = new LogRecorder(BusinessEventInterceptor.class)) {
			this.contextRunner.withUserConfiguration(CheckoutConfiguration.class).run((context) -> {
				Checkout checkout = context.getBean(Checkout.class);
				assertThat(checkout.broken(new Order("web", "card", 1))).isEqualTo("ok");
				assertThat(checkout.broken(new Order("web", "card", 2))).isEqualTo("ok");
				assertThat(context.getBean(MeterRegistry.class)
					.get("orders.placed")
					.tags("channel", "unknown", "outcome", "success")
					.counter()
					.count()).isEqualTo(2);
			});
			assertThat(log.messages()).singleElement()
				.asString()
				.startsWith("Tag 'channel' of @BusinessEvent 'orders.placed' on public java.lang.String")
				.contains("recording 'unknown'");
		}
	}

	@Test
	void failsAtStartUpWhenAnnotationNamesAnUndeclaredMeter() {
		this.contextRunner.withUserConfiguration(UndeclaredMeterConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("UndeclaredMeterService.run()")
				.hasMessageContaining("'orders.lost', which is not declared")
				.hasMessageContaining("orders.placed"));
	}

	@Test
	void failsAtStartUpWhenAnnotationNamesANonCounter() {
		this.contextRunner.withUserConfiguration(TimerEventConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("TimerEventService.run()")
				.hasMessageContaining("declared as a timer")
				.hasMessageContaining("type counter"));
	}

	@Test
	void failsAtStartUpWhenAnnotationUsesAnUndeclaredTagKey() {
		this.contextRunner.withUserConfiguration(UndeclaredTagConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("UndeclaredTagService.run(java.lang.String)")
				.hasMessageContaining("tag key 'region'")
				.hasMessageContaining("[channel, payment_method]"));
	}

	record Order(String channel, String paymentMethod, int id) {
	}

	static class Checkout {

		@BusinessEvent(value = "orders.placed",
				tags = { "channel=#order.channel", "payment_method=#p0.paymentMethod" }, slo = "checkout")
		public String place(Order order) {
			if (order.id() < 0) {
				throw new IllegalStateException("declined");
			}
			return "order-" + order.id();
		}

		@BusinessEvent("refunds")
		public Order refund(Order order) {
			return order;
		}

		@BusinessEvent(value = "orders.placed", tags = "channel=#order.missing.property")
		public String broken(Order order) {
			return "ok";
		}

	}

	static class RecordingSloRecorder implements SloRecorder {

		final List<String> events = new ArrayList<>();

		@Override
		public void record(String objective, boolean good) {
			this.events.add(objective + ":" + good);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CheckoutConfiguration {

		@Bean
		Checkout checkout() {
			return new Checkout();
		}

		@Bean
		RecordingSloRecorder sloRecorder() {
			return new RecordingSloRecorder();
		}

	}

	static class RecordingBusinessMetrics implements BusinessMetrics {

		@Override
		public void increment(String meter, double amount, String... tags) {
		}

		@Override
		public void record(String meter, Duration duration, String... tags) {
		}

		@Override
		public void record(String meter, double amount, String... tags) {
		}

		@Override
		public void set(String meter, double value, String... tags) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		BusinessMetrics userBusinessMetrics() {
			return new RecordingBusinessMetrics();
		}

	}

	static class UndeclaredMeterService {

		@BusinessEvent("orders.lost")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UndeclaredMeterConfiguration {

		@Bean
		UndeclaredMeterService undeclaredMeterService() {
			return new UndeclaredMeterService();
		}

	}

	static class TimerEventService {

		@BusinessEvent("checkout.duration")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TimerEventConfiguration {

		@Bean
		TimerEventService timerEventService() {
			return new TimerEventService();
		}

	}

	static class UndeclaredTagService {

		@BusinessEvent(value = "orders.placed", tags = "region=#region")
		public void run(String region) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UndeclaredTagConfiguration {

		@Bean
		UndeclaredTagService undeclaredTagService() {
			return new UndeclaredTagService();
		}

	}

}
