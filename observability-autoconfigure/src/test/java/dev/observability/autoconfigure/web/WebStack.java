package dev.observability.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web stacks every HTTP feature of the starter is tested on, from one suite:
 * {@code @ParameterizedTest @EnumSource(WebStack.class)}. Each starts a real server on a random port of
 * 127.0.0.1 with the application's auto-configuration (the starter's included) and nothing else chosen for it:
 * <pre>
 * try (RunningApp app = stack.start(MyApp.class, "observability.slo.objectives.x.type=availability")) {
 *     HttpResponse&lt;String&gt; response = app.get("/hello");
 *     assertThat(app.logs().lines()).anySatisfy(...);
 * }
 * </pre>
 * All three servers are on the test class path, so each stack excludes the other servers' auto-configurations.
 */
public enum WebStack {

	/** Spring MVC on Tomcat, the default of {@code spring-boot-starter-webmvc}. */
	TOMCAT(WebApplicationType.SERVLET,
			"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration"),

	/** Spring MVC on Jetty ({@code spring-boot-starter-jetty} in place of Tomcat). */
	JETTY(WebApplicationType.SERVLET,
			"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration"),

	/** WebFlux on Reactor Netty, the default of {@code spring-boot-starter-webflux}. */
	NETTY(WebApplicationType.REACTIVE,
			"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration");

	private final WebApplicationType type;

	private final String excluded;

	WebStack(WebApplicationType type, String... excludedAutoConfigurations) {
		this.type = type;
		this.excluded = String.join(",", excludedAutoConfigurations);
	}

	/** Whether the stack is reactive (WebFlux). */
	public boolean isReactive() {
		return this.type == WebApplicationType.REACTIVE;
	}

	/**
	 * Starts the application on this stack.
	 * @param source the {@code @SpringBootConfiguration} (with {@code @EnableAutoConfiguration}) to run
	 * @param properties extra {@code key=value} properties, which win over the application's files
	 * @return the running application, to close after use
	 */
	public RunningApp start(Class<?> source, String... properties) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--server.port=0");
		arguments.add("--server.address=127.0.0.1");
		arguments.add("--spring.autoconfigure.exclude=" + this.excluded);
		for (String property : properties) {
			arguments.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(source).web(this.type)
			.run(arguments.toArray(String[]::new));
		return new RunningApp(this, context);
	}

}
