package dev.observability.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.observability.autoconfigure.business.BusinessProperties;
import dev.observability.autoconfigure.cardinality.CardinalityProperties;
import dev.observability.autoconfigure.logging.LoggingProperties;
import dev.observability.autoconfigure.slo.SloProperties;
import dev.observability.autoconfigure.tracing.TracingProperties;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Binds and checks every {@code observability.*} properties group before any bean is created. A bad value
 * then fails the start-up before the web server is created, with nothing but Spring Boot's failure report
 * (key, value as written, origin, what is allowed); checked later, while the server's filters are being
 * created, the same failure was preceded by an "Error starting Tomcat context ... UnsatisfiedDependencyException"
 * ERROR line that buried it. The properties beans run the same checks again when they are created.
 */
public class ObservabilityPropertiesValidator implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	private static final Map<String, Class<? extends InitializingBean>> GROUPS = new LinkedHashMap<>();

	static {
		GROUPS.put("observability", ObservabilityProperties.class);
		GROUPS.put("observability.logging", LoggingProperties.class);
		GROUPS.put("observability.tracing", TracingProperties.class);
		GROUPS.put("observability.cardinality", CardinalityProperties.class);
		GROUPS.put("observability.business", BusinessProperties.class);
		GROUPS.put("observability.slo", SloProperties.class);
	}

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!this.environment.getProperty("observability.enabled", Boolean.class, true)) {
			return;
		}
		Binder binder = Binder.get(this.environment);
		GROUPS.forEach((prefix, type) -> {
			InitializingBean properties = binder.bindOrCreate(prefix, type);
			if (properties instanceof EnvironmentAware aware) {
				aware.setEnvironment(this.environment);
			}
			try {
				properties.afterPropertiesSet();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
