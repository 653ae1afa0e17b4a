package dev.observability.sample.traffic;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Sends a steady mix of requests to the service's own API on its local port, at {@code sample.traffic.rate}
 * requests per second with at most {@code sample.traffic.max-in-flight} outstanding. It starts with the web
 * server when {@code sample.traffic.enabled} is true, and can be started, re-rated and stopped at runtime
 * through {@code /admin/traffic}.
 */
@Component
public class TrafficGenerator implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(TrafficGenerator.class);

	private static final double MAX_RATE = 200.0;

	private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private final TrafficProperties properties;

	private final Semaphore inFlight;

	private final LongAdder sent = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	private final ScheduledExecutorService scheduler;

	private final ExecutorService responses;

	private volatile HttpClient client;

	private volatile TrafficMix mix;

	private ScheduledFuture<?> ticks;

	private double rate;

	TrafficGenerator(TrafficProperties properties) {
		this.properties = properties;
		this.rate = checkRate(properties.getRate());
		this.inFlight = new Semaphore(Math.max(1, properties.getMaxInFlight()));
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("traffic-generator"));
		this.responses = Executors.newFixedThreadPool(2, daemonThreads("traffic-generator-responses"));
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		this.mix = new TrafficMix("http://127.0.0.1:" + event.getWebServer().getPort());
		if (this.properties.isEnabled()) {
			start(this.rate);
		}
	}

	/**
	 * Starts sending, or changes the rate when already running.
	 * @param requestsPerSecond the rate (above 0, at most 200)
	 * @throws IllegalStateException when the web server has not started yet
	 */
	public synchronized void start(double requestsPerSecond) {
		this.rate = checkRate(requestsPerSecond);
		if (this.mix == null) {
			throw new IllegalStateException("The web server has not started yet");
		}
		stop();
		if (this.client == null) {
			this.client = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.executor(this.responses)
				.version(HttpClient.Version.HTTP_1_1)
				.build();
		}
		long periodNanos = Math.round(TimeUnit.SECONDS.toNanos(1) / this.rate);
		this.ticks = this.scheduler.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
		logger.info("Traffic generator sending " + this.rate + " requests/s to the local API");
	}

	/** Stops sending; requests in flight complete. */
	public synchronized void stop() {
		if (this.ticks != null) {
			this.ticks.cancel(false);
			this.ticks = null;
		}
	}

	/** Returns what the generator is doing and has done. */
	public synchronized Status status() {
		return new Status(this.ticks != null, this.rate, this.sent.sum(), this.failed.sum(), this.skipped.sum());
	}

	@Override
	public void destroy() {
		stop();
		this.scheduler.shutdownNow();
		this.responses.shutdownNow();
	}

	private void tick() {
		if (!this.inFlight.tryAcquire()) {
			this.skipped.increment();
			return;
		}
		try {
			HttpRequest request = this.mix.next();
			this.sent.increment();
			this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, ex) -> {
				this.inFlight.release();
				if (ex != null) {
					this.failed.increment();
				}
				else if (response.statusCode() == 201) {
					Matcher matcher = ORDER_ID.matcher(response.body());
					if (matcher.find()) {
						this.mix.orderPlaced(Long.parseLong(matcher.group(1)));
					}
				}
			});
		}
		catch (RuntimeException ex) {
			this.inFlight.release();
			this.failed.increment();
		}
	}

	private static double checkRate(double rate) {
		if (!(rate > 0.0 && rate <= MAX_RATE)) {
			throw new IllegalArgumentException(
					"Invalid traffic rate '" + rate + "': must be above 0 and at most " + MAX_RATE + " requests/s");
		}
		return rate;
	}

	private static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * What the traffic generator is doing and has done.
	 *
	 * @param running whether it is sending
	 * @param rate requests per second it sends (or will send once started)
	 * @param sent requests sent
	 * @param failed requests that got no response (connection errors, timeouts)
	 * @param skipped ticks skipped because too many requests were in flight
	 */
	public record Status(boolean running, double rate, long sent, long failed, long skipped) {

	}

}
