package dev.observability.autoconfigure.business;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.observability.business.BusinessEvent;
import dev.observability.business.BusinessMetrics;
import dev.observability.slo.SloRecorder;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;

/**
 * Counts calls of {@link BusinessEvent @BusinessEvent} methods. A method returning a Reactor {@code Mono} or
 * {@code Flux} is counted when the returned publisher completes (success, {@code #result} the Mono's value) or
 * fails (failure), not when it is called or subscribed to; a cancelled subscription is not counted. Tag
 * expressions are parsed once per method;
 * each call evaluates them in a {@link MethodBasedEvaluationContext} (arguments by name, {@code #p0},
 * {@code #result}). Recording never breaks the business call: an expression that fails records its tag as
 * {@code unknown} and logs one WARN per method and tag, any other recording failure logs one WARN per method.
 */
public class BusinessEventInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(BusinessEventInterceptor.class);

	private static final ExpressionParser parser = new SpelExpressionParser();

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			BusinessEventInterceptor.class.getClassLoader());

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final ObjectProvider<BusinessMetrics> metrics;

	private final ObjectProvider<SloRecorder> sloRecorder;

	private final Map<AnnotatedElementKey, Plan> plans = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	public BusinessEventInterceptor(ObjectProvider<BusinessMetrics> metrics, ObjectProvider<SloRecorder> sloRecorder) {
		this.metrics = metrics;
		this.sloRecorder = sloRecorder;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		Plan plan = this.plans.computeIfAbsent(new AnnotatedElementKey(invocation.getMethod(), targetClass),
				(key) -> plan(AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass)));
		if (plan == null) {
			return invocation.proceed();
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			record(plan, invocation.getArguments(), null, false);
			throw ex;
		}
		if (REACTOR_PRESENT && ReactiveResults.isReactive(result)) {
			return ReactiveResults.recordOnTermination(this, plan, invocation.getArguments(), result);
		}
		record(plan, invocation.getArguments(), result, true);
		return result;
	}

	void record(Plan plan, Object[] arguments, Object result, boolean success) {
		try {
			String[] tags = new String[plan.keys.length * 2 + 2];
			MethodBasedEvaluationContext context = null;
			for (int i = 0; i < plan.keys.length; i++) {
				if (context == null) {
					context = new MethodBasedEvaluationContext(null, plan.method, arguments, this.parameterNames);
					context.setVariable("result", result);
				}
				tags[2 * i] = plan.keys[i];
				tags[2 * i + 1] = evaluate(plan, i, context);
			}
			tags[tags.length - 2] = BusinessMeterNames.OUTCOME;
			tags[tags.length - 1] = success ? BusinessMeterNames.SUCCESS : BusinessMeterNames.FAILURE;
			this.metrics.getObject().increment(plan.meter, tags);
		}
		catch (RuntimeException ex) {
			warnOnce(plan.method.toGenericString(), "Could not record @BusinessEvent '" + plan.meter + "' of "
					+ plan.method.toGenericString() + ": " + ex);
		}
		if (!plan.slo.isEmpty()) {
			try {
				SloRecorder recorder = this.sloRecorder.getIfAvailable();
				if (recorder != null) {
					recorder.record(plan.slo, success);
				}
				else {
					warnOnce(plan.slo, "No SloRecorder bean: @BusinessEvent of " + plan.method.toGenericString()
							+ " cannot feed SLO '" + plan.slo + "'");
				}
			}
			catch (RuntimeException ex) {
				warnOnce(plan.method.toGenericString() + "#slo", "Could not record SLO '" + plan.slo + "' for "
						+ plan.method.toGenericString() + ": " + ex);
			}
		}
	}

	private String evaluate(Plan plan, int index, MethodBasedEvaluationContext context) {
		try {
			Object value = plan.expressions[index].getValue(context);
			return (value != null) ? value.toString() : BusinessMeterNames.NONE;
		}
		catch (RuntimeException ex) {
			warnOnce(plan.method.toGenericString() + "#" + plan.keys[index],
					"Tag '" + plan.keys[index] + "' of @BusinessEvent '" + plan.meter + "' on "
							+ plan.method.toGenericString() + " could not be evaluated, recording '"
							+ BusinessMeterNames.UNKNOWN + "' (logged once): " + ex.getMessage());
			return BusinessMeterNames.UNKNOWN;
		}
	}

	private void warnOnce(String key, String message) {
		if (this.warned.size() < 10_000 && this.warned.add(key)) {
			logger.warn(message);
		}
	}

	/** The parsed plan of an annotated method, or {@code null} when it carries no annotation. */
	Plan plan(Method method) {
		BusinessEvent event = AnnotatedElementUtils.findMergedAnnotation(method, BusinessEvent.class);
		return (event != null) ? Plan.parse(method, event) : null;
	}

	/** Caches a plan built (and validated) at bean post-processing. */
	void cache(Method method, Class<?> targetClass, Plan plan) {
		this.plans.putIfAbsent(new AnnotatedElementKey(method, targetClass), plan);
	}

	/** Records Reactor results when they terminate; loaded only when Reactor is on the class path. */
	private static final class ReactiveResults {

		static boolean isReactive(Object result) {
			return result instanceof Mono<?> || result instanceof Flux<?>;
		}

		static Object recordOnTermination(BusinessEventInterceptor interceptor, Plan plan, Object[] arguments,
				Object result) {
			if (result instanceof Mono<?> mono) {
				return mono.doOnSuccess((value) -> interceptor.record(plan, arguments, value, true))
					.doOnError((ex) -> interceptor.record(plan, arguments, null, false));
			}
			return ((Flux<?>) result).doOnComplete(() -> interceptor.record(plan, arguments, null, true))
				.doOnError((ex) -> interceptor.record(plan, arguments, null, false));
		}

	}

	/** An annotated method's meter, tag keys and parsed tag expressions. */
	static final class Plan {

		final Method method;

		final String meter;

		final String[] keys;

		final Expression[] expressions;

		final String slo;

		private Plan(Method method, String meter, String[] keys, Expression[] expressions, String slo) {
			this.method = method;
			this.meter = meter;
			this.keys = keys;
			this.expressions = expressions;
			this.slo = slo;
		}

		/** Parses {@code key=SpEL} tags; throws {@link IllegalStateException} naming the method when malformed. */
		static Plan parse(Method method, BusinessEvent event) {
			List<String> keys = new ArrayList<>();
			List<Expression> expressions = new ArrayList<>();
			for (String tag : event.tags()) {
				int equals = tag.indexOf('=');
				if (equals <= 0 || equals == tag.length() - 1) {
					throw new IllegalStateException("@BusinessEvent on " + method.toGenericString() + " has tag '" + tag
							+ "', expected 'key=SpEL expression' such as 'channel=#request.channel'");
				}
				String key = tag.substring(0, equals).trim();
				if (keys.contains(key) || BusinessMeterNames.OUTCOME.equals(key)) {
					throw new IllegalStateException("@BusinessEvent on " + method.toGenericString() + " has tag key '"
							+ key + "' twice or sets 'outcome', which the annotation sets itself");
				}
				try {
					expressions.add(parser.parseExpression(tag.substring(equals + 1).trim()));
				}
				catch (ParseException ex) {
					throw new IllegalStateException("@BusinessEvent on " + method.toGenericString()
							+ " has an invalid SpEL expression in tag '" + tag + "': " + ex.getMessage(), ex);
				}
				keys.add(key);
			}
			return new Plan(method, event.value(), keys.toArray(new String[0]), expressions.toArray(new Expression[0]),
					event.slo());
		}

	}

}
