package dev.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Clock;

/**
 * One declared objective at run time: its lifetime good and bad totals and its rolling windows.
 * <p>
 * Three fixed rings hold the rolling counts: 10s slots over 6h for the 5m to 6h burn rates, 5m slots over 3d
 * for the 1d and 3d burn rates, and 720 slots over the objective's own window for the error budget (a 30d
 * window has 1h slots). Each window is therefore resolved to within one slot of its ring: at most 3.3% of
 * the 5m window, 0.3% of 1d and 0.14% of the objective window. Recording an event touches one slot of each
 * ring and two adders, never a lock.
 */
public final class SloObjective {

	static final Duration FINE_SLOT = Duration.ofSeconds(10);

	static final int FINE_SLOTS = 6 * 360;

	static final Duration COARSE_SLOT = Duration.ofMinutes(5);

	static final int COARSE_SLOTS = 3 * 288;

	static final int BUDGET_SLOTS = 720;

	private final String name;

	private final SloType type;

	private final double target;

	private final double objective;

	private final Duration window;

	private final Duration threshold;

	private final long thresholdNanos;

	private final String description;

	private final String uri;

	private final String method;

	private final String listener;

	private final String topic;

	private final LongAdder good = new LongAdder();

	private final LongAdder bad = new LongAdder();

	private final RollingCounts fine = new RollingCounts(FINE_SLOT, FINE_SLOTS);

	private final RollingCounts coarse = new RollingCounts(COARSE_SLOT, COARSE_SLOTS);

	private final RollingCounts budget;

	private final Clock clock;

	private final long origin;

	SloObjective(String name, SloProperties.Objective properties, Clock clock) {
		this.name = name;
		this.type = properties.getType();
		this.target = properties.getTarget();
		this.objective = java.math.BigDecimal.valueOf(this.target).movePointLeft(2).doubleValue();
		this.window = properties.getWindow();
		this.threshold = properties.getThreshold();
		this.thresholdNanos = (this.threshold != null) ? this.threshold.toNanos() : Long.MAX_VALUE;
		this.description = properties.getDescription();
		SloProperties.Match match = properties.getMatch();
		boolean http = this.type.isHttp();
		this.uri = !http ? null : (match != null && match.getUri() != null) ? match.getUri() : "/**";
		this.method = (!http || match == null || match.getMethod() == null || match.getMethod().isBlank()) ? null
				: match.getMethod().trim().toUpperCase(java.util.Locale.ROOT);
		boolean message = this.type.isMessage();
		this.listener = (!message || match == null || match.getListener() == null || match.getListener().isBlank()) ? null
				: match.getListener().trim();
		this.topic = (!message || match == null || match.getTopic() == null || match.getTopic().isBlank()) ? null
				: match.getTopic().trim();
		long budgetSlotNanos = Math.max(1, (this.window.toNanos() + BUDGET_SLOTS - 1) / BUDGET_SLOTS);
		this.budget = new RollingCounts(Duration.ofNanos(budgetSlotNanos), BUDGET_SLOTS);
		this.clock = clock;
		this.origin = clock.monotonicTime();
	}

	public String getName() {
		return this.name;
	}

	public SloType getType() {
		return this.type;
	}

	/** Target in percent, as declared (99.9). */
	public double getTarget() {
		return this.target;
	}

	/** Target as a ratio (0.999). */
	public double getObjective() {
		return this.objective;
	}

	public Duration getWindow() {
		return this.window;
	}

	/** Latency threshold, null unless the objective is of type latency. */
	public Duration getThreshold() {
		return this.threshold;
	}

	public String getDescription() {
		return this.description;
	}

	/** Route template pattern of an http objective, null for events. */
	public String getUri() {
		return this.uri;
	}

	/** Upper-case HTTP method of an http objective, null for any. */
	public String getMethod() {
		return this.method;
	}

	/** Listener id a message objective is limited to, null for any. */
	public String getListener() {
		return this.listener;
	}

	/** Topic a message objective is limited to, null for any. */
	public String getTopic() {
		return this.topic;
	}

	/** Whether the objective is fed from http.server.requests. */
	public boolean isHttp() {
		return this.type.isHttp();
	}

	/** Whether the objective is fed from the Kafka listener observation. */
	public boolean isMessage() {
		return this.type.isMessage();
	}

	long thresholdNanos() {
		return this.thresholdNanos;
	}

	/** Records one event now. */
	public void record(boolean isGood) {
		long now = Math.max(0, this.clock.monotonicTime() - this.origin);
		(isGood ? this.good : this.bad).increment();
		this.fine.add(now, isGood);
		this.coarse.add(now, isGood);
		this.budget.add(now, isGood);
	}

	/** Good events since start-up. */
	public double goodTotal() {
		return this.good.sum();
	}

	/** Bad events since start-up. */
	public double badTotal() {
		return this.bad.sum();
	}

	/** Burn rate over the rolling window: its error ratio divided by the error budget ratio (1 - objective). */
	public double burnRate(BurnWindow window) {
		long[] counts = new long[2];
		ringFor(window).sum(now(), window.duration(), counts);
		return errorRatio(counts) / (1 - getObjective());
	}

	/** Error budget left over the objective's window: 1 untouched (or no events), 0 spent, below 0 overspent. */
	public double errorBudgetRemaining() {
		long[] counts = new long[2];
		this.budget.sum(now(), this.window, counts);
		return 1 - errorRatio(counts) / (1 - getObjective());
	}

	/** A snapshot of the objective's state, as shown by the slo endpoint and health details. */
	public Map<String, Object> status() {
		long now = now();
		long[] counts = new long[2];
		this.budget.sum(now, this.window, counts);
		long windowGood = counts[0];
		long windowBad = counts[1];
		Map<BurnWindow, Double> burnRates = new EnumMap<>(BurnWindow.class);
		for (BurnWindow burnWindow : BurnWindow.values()) {
			ringFor(burnWindow).sum(now, burnWindow.duration(), counts);
			burnRates.put(burnWindow, errorRatio(counts) / (1 - getObjective()));
		}
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("type", this.type.value());
		if (this.description != null) {
			status.put("description", this.description);
		}
		status.put("target", this.target);
		status.put("window", format(this.window));
		if (this.threshold != null) {
			status.put("threshold", format(this.threshold));
		}
		if (this.uri != null) {
			status.put("uri", this.uri);
		}
		if (this.method != null) {
			status.put("method", this.method);
		}
		if (this.listener != null) {
			status.put("listener", this.listener);
		}
		if (this.topic != null) {
			status.put("topic", this.topic);
		}
		status.put("good", windowGood);
		status.put("bad", windowBad);
		long total = windowGood + windowBad;
		status.put("sli", (total == 0) ? 1.0 : (double) windowGood / total);
		status.put("errorBudgetRemaining", 1 - errorRatio(new long[] { windowGood, windowBad }) / (1 - getObjective()));
		Map<String, Double> rates = new LinkedHashMap<>();
		burnRates.forEach((burnWindow, rate) -> rates.put(burnWindow.label(), rate));
		status.put("burnRate", rates);
		status.put("alert", AlertState.of(burnRates).value());
		return status;
	}

	private RollingCounts ringFor(BurnWindow window) {
		return (window.duration().compareTo(this.fine.span()) <= 0) ? this.fine : this.coarse;
	}

	private long now() {
		return Math.max(0, this.clock.monotonicTime() - this.origin);
	}

	private static double errorRatio(long[] counts) {
		long total = counts[0] + counts[1];
		return (total == 0) ? 0 : (double) counts[1] / total;
	}

	/** Shortest of d, h, m, s, ms that states the duration exactly (30d, 300ms). */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		long[] units = { 86_400_000L, 3_600_000L, 60_000L, 1_000L };
		String[] suffixes = { "d", "h", "m", "s" };
		for (int i = 0; i < units.length; i++) {
			if (millis % units[i] == 0 && millis != 0) {
				return (millis / units[i]) + suffixes[i];
			}
		}
		return millis + "ms";
	}

}
