package dev.observability.business;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts calls of a bean method on a declared counter, with an {@code outcome} tag ({@code success} when
 * the method returns, {@code failure} when it throws) and further tags evaluated as SpEL over the method's
 * arguments (by name, e.g. {@code #order.channel}) and its return value ({@code #result}, only on success).
 * <pre class="code">
 * &#64;BusinessEvent(value = "orders.placed", tags = { "channel=#request.channel" }, slo = "checkout-success")
 * public Order place(OrderRequest request) { ... }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BusinessEvent {

	/** Name of the counter declared under {@code observability.business.meters}. */
	String value();

	/** Tags as {@code key=SpEL expression}; each key must be declared on the meter. */
	String[] tags() default {};

	/**
	 * Name of an {@code events} SLO objective to feed: a good event on success, a bad one on failure. Empty
	 * for none.
	 */
	String slo() default "";

}
