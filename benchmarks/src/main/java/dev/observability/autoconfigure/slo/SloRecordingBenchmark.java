package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.observability.autoconfigure.http.ServerRequestListener;
import dev.observability.autoconfigure.http.ServletServerRequestPipeline;
import io.micrometer.core.instrument.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What every request pays for the SLOs: the request pipeline's start and stop with the SLO listener (the
 * exchange, route template lookup, status classification, one event on each matching objective) with an availability and a latency
 * objective on {@code /api/orders/**}, and its parts on their own ({@link SloObjective#record(boolean)},
 * {@link RollingCounts#add(long, boolean)}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SloRecordingBenchmark {

	private ServletServerRequestPipeline handler;

	private ServerRequestObservationContext context;

	private SloObjective availability;

	private RollingCounts counts;

	@Setup
	public void setUp() {
		SloProperties properties = new SloProperties();
		properties.getObjectives().put("orders-availability", objective(SloType.AVAILABILITY, null));
		properties.getObjectives().put("orders-latency", objective(SloType.LATENCY, Duration.ofMillis(300)));
		properties.afterPropertiesSet();
		SloObjectives objectives = new SloObjectives(properties, Clock.SYSTEM);
		StaticListableBeanFactory listeners = new StaticListableBeanFactory();
		listeners.addBean("sloServerRequestListener", new SloServerRequestListener(objectives));
		this.handler = new ServletServerRequestPipeline(listeners.getBeanProvider(ServerRequestListener.class));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/42");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(200);
		this.context = new ServerRequestObservationContext(request, response);
		this.context.setPathPattern("/api/orders/{id}");
		this.availability = objectives.get("orders-availability");
		this.counts = new RollingCounts(Duration.ofSeconds(10), 360);
	}

	private static SloProperties.Objective objective(SloType type, Duration threshold) {
		SloProperties.Objective objective = new SloProperties.Objective();
		objective.setType(type);
		objective.setTarget(0.999);
		objective.setThreshold(threshold);
		SloProperties.Match match = new SloProperties.Match();
		match.setUri("/api/orders/**");
		objective.setMatch(match);
		return objective;
	}

	/** Start and stop of one request's observation, as the observation registry calls them. */
	@Benchmark
	public void handlerStartStop() {
		this.handler.onStart(this.context);
		this.handler.onStop(this.context);
	}

	@Benchmark
	public void objectiveRecord() {
		this.availability.record(true);
	}

	@Benchmark
	public void rollingCountsAdd() {
		this.counts.add(System.nanoTime(), true);
	}

}
