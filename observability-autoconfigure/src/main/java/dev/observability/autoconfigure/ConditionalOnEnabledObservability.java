package dev.observability.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * The starter's module-wide switch: matches unless {@code observability.enabled=false}, as Spring Boot's
 * {@code @ConditionalOnEnabledOpenTelemetry} does for {@code management.opentelemetry.enabled}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = ConditionalOnEnabledObservability.PROPERTY, matchIfMissing = true)
public @interface ConditionalOnEnabledObservability {

	/** The kill-switch property; code that runs before conditions (environment post-processors) reads it too. */
	String PROPERTY = "observability.enabled";

}
