package dev.observability.autoconfigure.business;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.observability.autoconfigure.business.BusinessEventInterceptor.Plan;
import dev.observability.autoconfigure.business.BusinessMeterDefinitions.Definition;
import dev.observability.autoconfigure.business.BusinessProperties.MeterType;
import dev.observability.business.BusinessEvent;
import dev.observability.business.BusinessMetrics;
import dev.observability.slo.SloRecorder;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Proxies beans with {@link BusinessEvent @BusinessEvent} methods (plain Spring AOP, no AspectJ), like
 * Spring's {@code MethodValidationPostProcessor}. Each annotated method is checked when its bean is
 * post-processed: the meter must be a declared counter, every tag key declared and every expression
 * parseable; otherwise start-up fails with an {@link IllegalStateException} naming the method. The counter
 * is marked as an event counter, which adds the {@code outcome} tag to its keys.
 */
public class BusinessEventBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private final ObjectProvider<BusinessMeterDefinitions> definitions;

	private final BusinessEventInterceptor interceptor;

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	public BusinessEventBeanPostProcessor(ObjectProvider<BusinessMeterDefinitions> definitions,
			ObjectProvider<BusinessMetrics> metrics, ObjectProvider<SloRecorder> sloRecorder) {
		this.definitions = definitions;
		this.interceptor = new BusinessEventInterceptor(metrics, sloRecorder);
		this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, BusinessEvent.class, true),
				this.interceptor);
		setBeforeExistingAdvisors(true);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, BusinessEvent.class)) {
			return bean;
		}
		Map<Method, BusinessEvent> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<BusinessEvent>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, BusinessEvent.class));
		if (methods.isEmpty()) {
			// no proxy needed: skip the superclass, whose pointcut would walk every method a second time (start-up)
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		methods.forEach((method, event) -> this.interceptor.cache(method, targetClass, validate(method, event)));
		return super.postProcessAfterInitialization(bean, beanName);
	}

	private Plan validate(Method method, BusinessEvent event) {
		Plan plan = Plan.parse(method, event);
		BusinessMeterDefinitions declared = this.definitions.getIfAvailable();
		if (declared == null) {
			return plan;
		}
		Definition definition = declared.get(event.value());
		if (definition == null) {
			throw new IllegalStateException("@BusinessEvent on " + method.toGenericString() + " names meter '"
					+ event.value() + "', which is not declared; declared meters: " + declared.all().keySet()
					+ ". Declare it under observability.business.meters[" + event.value() + "] with type counter");
		}
		if (definition.getType() != MeterType.COUNTER) {
			throw new IllegalStateException("@BusinessEvent on " + method.toGenericString() + " names meter '"
					+ event.value() + "', which is declared as a " + definition.getType().name().toLowerCase()
					+ "; @BusinessEvent counts calls and needs a meter of type counter");
		}
		for (String key : plan.keys) {
			if (!definition.getDeclaredTags().contains(key)) {
				throw new IllegalStateException("@BusinessEvent on " + method.toGenericString() + " uses tag key '"
						+ key + "', which is not declared for meter '" + event.value() + "'; declared keys: "
						+ definition.getDeclaredTags() + ". Declare it under observability.business.meters["
						+ event.value() + "].tags");
			}
		}
		definition.markEventCounter();
		return plan;
	}

}
