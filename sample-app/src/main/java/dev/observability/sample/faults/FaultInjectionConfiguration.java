package dev.observability.sample.faults;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts fault injection in front of every handler except the admin API (so an operator can always turn faults
 * off again).
 */
@Configuration(proxyBeanMethods = false)
class FaultInjectionConfiguration implements WebMvcConfigurer {

	private final FaultInjector injector;

	FaultInjectionConfiguration(FaultInjector injector) {
		this.injector = injector;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.injector).excludePathPatterns("/admin/**");
	}

}
