import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs the overhead benchmark's variants side by side and prints a Markdown report. Started by {@code run.sh}
 * (which builds the variants first) as a single-file Java program, pinned to the load generator's core.
 *
 * <p>Each round starts every variant once (the order rotates from round to round), waits for its first successful
 * request (start-up), warms it up on every endpoint, then measures each endpoint with wrk: the app's CPU time
 * (utime + stime of /proc/&lt;pid&gt;/stat) and bytes allocated by all its threads (the app's diagnostic hook)
 * divided by the requests wrk completed, wrk's throughput and latency percentiles, and the resident set size
 * after the load. This process also serves the downstream stub the app calls and an OTLP endpoint that accepts
 * and discards spans, so neither costs the app's core anything.
 */
public class Overhead {

	static final String ITEMS = "items";

	static final String LOGGED = "logged";

	static final String DOWNSTREAM = "downstream";

	static final List<String> ENDPOINTS = List.of(ITEMS, LOGGED, DOWNSTREAM);

	static final Map<String, String> PATHS = Map.of(ITEMS, "/api/items/42", LOGGED, "/api/logged/42", DOWNSTREAM,
			"/api/downstream/42");

	record Variant(String name, String description, Path classpathFile, List<String> jvmArgs, List<String> appArgs) {
	}

	record Measure(int requests, double seconds, double rps, double p50Ms, double p99Ms, double cpuUsPerRequest,
			double bytesPerRequest, int errors, double requestThreadCpuUs) {
	}

	record Run(int round, Variant variant, double startupSeconds, double rssMb, Map<String, Measure> measures) {
	}

	// settings
	int rounds = 3;

	int warmupSeconds = 18;

	int measureSeconds = 5;

	int connections = 8;

	String appCpu = "1";

	String loadCpu = "0";

	Path dir = Path.of(".");

	Path out;

	List<String> only = List.of();

	String baselineClasspath;

	String baselineRef = "";

	List<String> extraJvmArgs = List.of();

	String mode = "full";

	boolean jfr;

	// state
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	HttpServer server;

	long clockTicks;

	final List<Run> runs = new ArrayList<>();

	final java.util.concurrent.atomic.AtomicLong otlpExports = new java.util.concurrent.atomic.AtomicLong();

	public static void main(String[] args) throws Exception {
		Overhead overhead = new Overhead();
		overhead.parse(args);
		overhead.run();
	}

	void parse(String[] args) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--quick" -> {
					this.mode = "quick";
					this.rounds = 1;
					this.warmupSeconds = 9;
					this.measureSeconds = 3;
				}
				case "--full" -> this.mode = "full";
				case "--jfr" -> this.jfr = true;
				case "--rounds" -> this.rounds = Integer.parseInt(args[++i]);
				case "--warmup" -> this.warmupSeconds = Integer.parseInt(args[++i]);
				case "--measure" -> this.measureSeconds = Integer.parseInt(args[++i]);
				case "--connections" -> this.connections = Integer.parseInt(args[++i]);
				case "--app-cpu" -> this.appCpu = args[++i];
				case "--load-cpu" -> this.loadCpu = args[++i];
				case "--dir" -> this.dir = Path.of(args[++i]);
				case "--out" -> this.out = Path.of(args[++i]);
				case "--variants" -> this.only = List.of(args[++i].split(","));
				case "--baseline-classpath" -> this.baselineClasspath = args[++i];
				case "--baseline-ref" -> this.baselineRef = args[++i];
				case "--jvm-args" -> this.extraJvmArgs = List.of(args[++i].trim().split("\\s+"));
				default -> throw new IllegalArgumentException("Unknown argument " + arg
						+ " (allowed: --quick --full --rounds N --warmup S --measure S --connections N --app-cpu C"
						+ " --load-cpu C --dir D --out D --variants a,b --baseline-classpath F --baseline-ref R"
						+ " --jvm-args \"...\" --jfr)");
			}
		}
		if (this.out == null) {
			this.out = this.dir.resolve("target/results-"
					+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
		}
	}

	List<Variant> variants(int stubPort) {
		String otlp = "http://127.0.0.1:" + stubPort + "/v1/traces";
		String agent = "-javaagent:" + this.dir.resolve("variants/agent/target/opentelemetry-javaagent.jar");
		List<String> agentOff = List.of(agent, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
				"-Dotel.logs.exporter=none");
		List<String> agentExport = List.of(agent, "-Dotel.traces.exporter=otlp",
				"-Dotel.exporter.otlp.traces.protocol=http/protobuf", "-Dotel.exporter.otlp.traces.endpoint=" + otlp,
				"-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none");
		List<String> bootExport = List.of("--management.tracing.sampling.probability=1.0",
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp);
		List<Variant> all = new ArrayList<>();
		all.add(new Variant("bare", "Spring Boot webmvc + RestClient", cp("bare"), List.of(), List.of()));
		all.add(new Variant("actuator", "bare + Actuator + Prometheus registry", cp("actuator"), List.of(),
				List.of()));
		all.add(new Variant("boot-tracing",
				"actuator + Micrometer Tracing bridge OTel + OTLP exporter (10% sampling, no endpoint set)",
				cp("boot-tracing"), List.of(), List.of()));
		all.add(new Variant("starter", "bare + the starter, defaults (10% sampling, no endpoint set)", cp("starter"),
				List.of(), List.of()));
		if (this.baselineClasspath != null) {
			all.add(new Variant("starter@" + this.baselineRef, "the starter at git ref " + this.baselineRef
					+ ", defaults", Path.of(this.baselineClasspath), List.of(), List.of()));
		}
		all.add(new Variant("agent", "bare + OpenTelemetry Java agent 2.33.1 (every request traced, exporters none)",
				cp("agent"), agentOff, List.of()));
		all.add(new Variant("boot-tracing-100", "boot-tracing, 100% sampling, OTLP export to a discarding receiver",
				cp("boot-tracing"), List.of(), bootExport));
		all.add(new Variant("starter-100", "starter, 100% sampling, OTLP export to a discarding receiver",
				cp("starter"), List.of(), bootExport));
		all.add(new Variant("agent-100", "agent, OTLP span export to a discarding receiver", cp("agent"),
				agentExport, List.of()));
		if (this.only.isEmpty()) {
			return all;
		}
		List<Variant> chosen = all.stream().filter((v) -> this.only.contains(v.name())).collect(Collectors.toList());
		if (chosen.stream().noneMatch((v) -> v.name().equals("bare"))) {
			chosen.add(0, all.get(0)); // every ratio is to bare in the same round
		}
		return chosen;
	}

	Path cp(String variant) {
		return this.dir.resolve("variants/" + variant + "/target/classpath.txt");
	}

	void run() throws Exception {
		this.clockTicks = Long.parseLong(exec(List.of("getconf", "CLK_TCK")).trim());
		Files.createDirectories(this.out);
		startServer();
		List<Variant> variants = variants(this.server.getAddress().getPort());
		for (Variant v : variants) {
			if (!Files.exists(v.classpathFile())) {
				throw new IllegalStateException(v.classpathFile() + " is missing: build the variants first (run.sh)");
			}
		}
		String loadStart = loadAverage();
		Instant started = Instant.now();
		System.out.printf("Overhead benchmark, %s mode: %d round(s) of %d variants, warm-up %d s, %d s measured per"
				+ " endpoint; app on CPU %s, wrk on CPU %s; results in %s%n", this.mode, this.rounds, variants.size(),
				this.warmupSeconds, this.measureSeconds, this.appCpu, this.loadCpu, this.out);
		try {
			for (int round = 1; round <= this.rounds; round++) {
				List<Variant> order = new ArrayList<>(variants);
				Collections.rotate(order, -((round - 1) % order.size()));
				for (Variant v : order) {
					Run run = runOnce(round, v);
					this.runs.add(run);
					Measure m = run.measures().get(ITEMS);
					System.out.printf(Locale.ROOT,
							"round %d %-18s start-up %5.2f s  items %6.1f µs/req %7.0f req/s p99 %6.2f ms %6.1f KB/req"
									+ "  logged %6.1f µs/req  downstream %6.1f µs/req  RSS %4.0f MB%n",
							round, v.name(), run.startupSeconds(), m.cpuUsPerRequest(), m.rps(), m.p99Ms(),
							m.bytesPerRequest() / 1024, run.measures().get(LOGGED).cpuUsPerRequest(),
							run.measures().get(DOWNSTREAM).cpuUsPerRequest(), run.rssMb());
				}
			}
		}
		finally {
			this.server.stop(0);
		}
		String report = report(variants, started, loadStart, loadAverage());
		Files.writeString(this.out.resolve("results.md"), report);
		Files.writeString(this.out.resolve("raw.tsv"), raw());
		System.out.println();
		System.out.println(report);
	}

	/** The downstream stub (a small JSON body) and an OTLP/HTTP endpoint that reads and discards every export. */
	void startServer() throws IOException {
		// without TCP_NODELAY each small response waits for the client's delayed ACK (~40 ms on Linux)
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
		this.server.setExecutor(Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "stub");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/stub/items/", (exchange) -> {
			String id = exchange.getRequestURI().getPath().substring("/stub/items/".length());
			respond(exchange, "application/json",
					("{\"id\":" + id + ",\"name\":\"item-" + id + "\",\"priceCents\":1042}")
						.getBytes(StandardCharsets.UTF_8));
		});
		this.server.createContext("/v1/", (exchange) -> {
			this.otlpExports.incrementAndGet();
			respond(exchange, "application/x-protobuf", new byte[0]);
		});
		this.server.start();
	}

	static void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, (body.length != 0) ? body.length : -1);
		try (OutputStream os = exchange.getResponseBody()) {
			os.write(body);
		}
	}

	Run runOnce(int round, Variant v) throws Exception {
		int port = freePort();
		String classpath = Files.readString(v.classpathFile()).trim() + ":"
				+ this.dir.resolve("app/target/observability-overhead-app-0.1.0-SNAPSHOT.jar");
		if (v.name().startsWith("starter@")) {
			classpath = Files.readString(v.classpathFile()).trim() + ":" + Path.of(this.baselineClasspath)
				.getParent()
				.resolve("../../../app/target/observability-overhead-app-0.1.0-SNAPSHOT.jar")
				.normalize();
		}
		List<String> command = new ArrayList<>(List.of("taskset", "-c", this.appCpu, "java"));
		command.addAll(this.extraJvmArgs.stream().filter((a) -> !a.isEmpty()).toList());
		command.addAll(v.jvmArgs());
		String prefix = "round" + round + "-" + v.name().replace('@', '-');
		if (this.jfr) {
			command.add("-XX:StartFlightRecording=name=startup,settings=" + jfrSettings() + ",filename="
					+ this.out.resolve(prefix + "-startup.jfr").toAbsolutePath());
		}
		command.addAll(List.of("-cp", classpath, "dev.observability.bench.BenchApp", "--server.port=" + port,
				"--bench.downstream-url=http://127.0.0.1:" + this.server.getAddress().getPort()));
		command.addAll(v.appArgs());
		Path log = this.out.resolve(prefix + ".log");
		long exportsBefore = this.otlpExports.get();
		long begin = System.nanoTime();
		Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			String base = "http://127.0.0.1:" + port;
			double startup = awaitFirstRequest(app, base + PATHS.get(ITEMS), begin, log);
			if (this.jfr) {
				jcmd(app.pid(), "JFR.stop", "name=startup");
			}
			int warmEach = Math.max(1, this.warmupSeconds / ENDPOINTS.size());
			for (String endpoint : ENDPOINTS) {
				wrk(base + PATHS.get(endpoint), warmEach);
			}
			Map<String, Measure> measures = new LinkedHashMap<>();
			for (String endpoint : ENDPOINTS) {
				if (this.jfr) {
					jcmd(app.pid(), "JFR.start", "name=" + endpoint, "settings=" + jfrSettings(),
							"filename=" + this.out.resolve(prefix + "-" + endpoint + ".jfr").toAbsolutePath());
				}
				measures.put(endpoint, measure(app.pid(), base, endpoint));
				if (this.jfr) {
					jcmd(app.pid(), "JFR.stop", "name=" + endpoint);
				}
			}
			double rss = rssKb(app.pid()) / 1024.0;
			long exports = this.otlpExports.get() - exportsBefore;
			if (v.name().endsWith("-100") && exports == 0) {
				System.out.printf("WARNING round %d %s: no OTLP export reached the receiver (see %s)%n", round,
						v.name(), log);
			}
			for (Map.Entry<String, Measure> e : measures.entrySet()) {
				if (e.getValue().errors() > 0) {
					System.out.printf("WARNING round %d %s %s: %d failed requests (see %s)%n", round, v.name(),
							e.getKey(), e.getValue().errors(), log);
				}
			}
			return new Run(round, v, startup, rss, measures);
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly().waitFor();
			}
		}
	}

	double awaitFirstRequest(Process app, String url, long begin, Path log) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
		long deadline = begin + TimeUnit.SECONDS.toNanos(300);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The app exited during start-up, see " + log);
			}
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - begin) / 1e9;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20); // polling a process that is starting: there is nothing to wait on
		}
		throw new IllegalStateException("No successful request within 300 s, see " + log);
	}

	Measure measure(long pid, String base, String endpoint) throws Exception {
		long bytesBefore = allocated(base);
		long ticksBefore = cpuTicks(pid);
		long requestTicksBefore = requestThreadTicks(pid);
		String output = wrk(base + PATHS.get(endpoint), this.measureSeconds);
		long requestTicksAfter = requestThreadTicks(pid);
		long ticksAfter = cpuTicks(pid);
		long bytesAfter = allocated(base);
		Matcher total = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)").matcher(output);
		if (!total.find()) {
			throw new IllegalStateException("Unexpected wrk output:\n" + output);
		}
		int requests = Integer.parseInt(total.group(1));
		double rps = Double.parseDouble(find(output, "Requests/sec:\\s+([0-9.]+)"));
		int errors = 0;
		Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
		if (non2xx.find()) {
			errors += Integer.parseInt(non2xx.group(1));
		}
		Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
			.matcher(output);
		if (socket.find()) {
			for (int g = 1; g <= 4; g++) {
				errors += Integer.parseInt(socket.group(g));
			}
		}
		double cpuUs = (ticksAfter - ticksBefore) * 1e6 / this.clockTicks / Math.max(1, requests);
		double requestThreadCpuUs = (requestTicksAfter - requestTicksBefore) * 1e6 / this.clockTicks
				/ Math.max(1, requests);
		return new Measure(requests, this.measureSeconds, rps, latency(output, "50%"), latency(output, "99%"), cpuUs,
				(bytesAfter - bytesBefore) / (double) Math.max(1, requests), errors, requestThreadCpuUs);
	}

	String wrk(String url, int seconds) throws Exception {
		return exec(List.of("taskset", "-c", this.loadCpu, "wrk", "-t1", "-c" + this.connections, "-d" + seconds + "s",
				"--timeout", "10s", "--latency", url));
	}

	/** The JDK's "profile" settings with Java methods sampled every millisecond instead of every 10 ms. */
	String jfrSettings() throws IOException {
		Path settings = this.out.resolve("profile-1ms.jfc").toAbsolutePath();
		if (!Files.exists(settings)) {
			String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
			Files.writeString(settings, profile.replace(
					"<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
					"<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>"));
		}
		return settings.toString();
	}

	/** With --jfr: recordings of start-up and of each measured phase (they slow the app: profile, don't compare). */
	static void jcmd(long pid, String... command) throws Exception {
		List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
		args.addAll(List.of(command));
		exec(args);
	}

	long allocated(String base) throws Exception {
		String body = this.http
			.send(HttpRequest.newBuilder(URI.create(base + "/bench/allocated")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		return Long.parseLong(find(body, "\"bytes\":(\\d+)"));
	}

	/**
	 * CPU ticks of the app process (utime + stime of /proc/&lt;pid&gt;/stat) less those of the JIT compiler threads:
	 * the steady-state cost of serving requests (request threads, GC, the async log appender, span export), without
	 * the compilation that a warm-up of seconds cannot finish on one core and that stops once the code is compiled.
	 */
	long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state) of proc(5): utime is field 14, stime field 15
		long process = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return process - threadTicks(pid, (name) -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
	}

	/**
	 * CPU ticks of the app's request threads only (Tomcat's {@code http-nio-...-exec-N}; the kernel keeps the first
	 * 15 characters of a thread name): what a request costs the thread that serves it, without GC, JIT, the async
	 * log appender's worker or span export.
	 */
	long requestThreadTicks(long pid) throws IOException {
		return threadTicks(pid, (name) -> name.startsWith("http-nio"));
	}

	static long threadTicks(long pid, java.util.function.Predicate<String> name) throws IOException {
		long ticks = 0;
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : tasks.toList()) {
				try {
					if (name.test(Files.readString(task.resolve("comm")))) {
						String stat = Files.readString(task.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (IOException ex) {
					// the thread ended between listing and reading
				}
			}
		}
		return ticks;
	}

	long rssKb(long pid) throws IOException {
		return Long.parseLong(find(Files.readString(Path.of("/proc/" + pid + "/status")), "VmRSS:\\s+(\\d+) kB"));
	}

	static double latency(String wrkOutput, String percentile) {
		Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s|m)").matcher(wrkOutput);
		if (!m.find()) {
			throw new IllegalStateException("No " + percentile + " latency in wrk output:\n" + wrkOutput);
		}
		double value = Double.parseDouble(m.group(1));
		return switch (m.group(2)) {
			case "us" -> value / 1000;
			case "ms" -> value;
			case "s" -> value * 1000;
			default -> value * 60_000;
		};
	}

	static String find(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("No match for " + regex + " in:\n" + text);
		}
		return m.group(1);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static String exec(List<String> command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	// ---- report ----

	String report(List<Variant> variants, Instant started, String loadStart, String loadEnd) throws Exception {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT,
				"Overhead benchmark (%s mode), %s: %d round(s), variants alternating; app pinned to CPU %s, wrk"
						+ " (-t1 -c%d) pinned to CPU %s; per endpoint %d s measured after %d s of warm-up over all"
						+ " three; %.1f min; load average %s at start, %s at end.%n",
				this.mode, DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
				this.rounds, this.appCpu, this.connections, this.loadCpu, this.measureSeconds, this.warmupSeconds,
				Duration.between(started, Instant.now()).toSeconds() / 60.0, loadStart, loadEnd));
		md.append("Machine: ").append(machine()).append("\n\n");

		md.append("Ratio to bare in the same round, `GET /api/items/{id}` (median of rounds; CPU = the app's threads but"
				+ " the JIT compiler's; CPU overhead = CPU per request minus bare's):\n\n");
		md.append(header("CPU/request", "CPU overhead over bare", "throughput", "p99 latency", "start-up",
				"RSS after load", "allocated/request"));
		for (Variant v : variants) {
			md.append(row(v.name(),
					ratio(v, ITEMS, Measure::cpuUsPerRequest),
					overhead(v, ITEMS),
					ratio(v, ITEMS, Measure::rps),
					ratio(v, ITEMS, Measure::p99Ms),
					runRatio(v, Run::startupSeconds),
					runRatio(v, Run::rssMb),
					ratio(v, ITEMS, Measure::bytesPerRequest)));
		}
		md.append("\nAbsolute, `GET /api/items/{id}`: median (min-max over rounds):\n\n");
		md.append(header("CPU µs/request", "requests/s", "p50 ms", "p99 ms", "start-up s", "RSS MB",
				"KB allocated/request"));
		for (Variant v : variants) {
			md.append(row(v.name(),
					abs(v, ITEMS, Measure::cpuUsPerRequest, 1, 1),
					abs(v, ITEMS, Measure::rps, 1, 0),
					abs(v, ITEMS, Measure::p50Ms, 1, 2),
					abs(v, ITEMS, Measure::p99Ms, 1, 2),
					stat(values(v, Run::startupSeconds), 2),
					stat(values(v, Run::rssMb), 0),
					abs(v, ITEMS, Measure::bytesPerRequest, 1024, 1)));
		}
		md.append("\nThe other endpoints: `GET /api/logged/{id}` writes one INFO line; `GET /api/downstream/{id}`"
				+ " makes one RestClient call to a stub outside the app. CPU µs/request, median (ratio to bare):\n\n");
		md.append(header("logged: CPU µs", "logged: KB alloc", "logged: p99 ms", "log line: extra CPU µs over items",
				"log line: extra request-thread CPU µs", "downstream: CPU µs", "downstream: KB alloc",
				"downstream: p99 ms"));
		for (Variant v : variants) {
			md.append(row(v.name(),
					withRatio(v, LOGGED, Measure::cpuUsPerRequest, 1, 1),
					withRatio(v, LOGGED, Measure::bytesPerRequest, 1024, 1),
					fmt(median(measureValues(v, LOGGED, Measure::p99Ms)), 2),
					fmt(median(logLineCost(v)), 1),
					fmt(median(logLineRequestThreadCost(v)), 1),
					withRatio(v, DOWNSTREAM, Measure::cpuUsPerRequest, 1, 1),
					withRatio(v, DOWNSTREAM, Measure::bytesPerRequest, 1024, 1),
					fmt(median(measureValues(v, DOWNSTREAM, Measure::p99Ms)), 2)));
		}
		md.append(targets(variants));
		md.append("\nVariants:\n\n");
		for (Variant v : variants) {
			md.append("- `").append(v.name()).append("`: ").append(v.description()).append('\n');
		}
		return md.toString();
	}

	String targets(List<Variant> variants) {
		Variant starter = byName(variants, "starter");
		Variant boot = byName(variants, "boot-tracing");
		Variant agent = byName(variants, "agent");
		if (starter == null || boot == null) {
			return "";
		}
		StringBuilder md = new StringBuilder("\nThe starter against Boot's own tracing (`boot-tracing`), per round then"
				+ " median (issue #12 targets):\n\n");
		md.append("- CPU overhead over bare, starter ÷ boot-tracing (target <= 1.0): ")
			.append(overheadRatio(starter, boot)).append('\n');
		if (agent != null) {
			md.append("- CPU overhead over bare, starter ÷ agent (target <= 1.0): ")
				.append(overheadRatio(starter, agent)).append('\n');
		}
		md.append("- start-up, starter ÷ boot-tracing (target <= 1.1): ")
			.append(pairRatio(starter, boot, (r) -> r.startupSeconds())).append('\n');
		md.append("- RSS after load, starter ÷ boot-tracing (target <= 1.1): ")
			.append(pairRatio(starter, boot, (r) -> r.rssMb())).append('\n');
		md.append("- allocated per request, starter ÷ boot-tracing (target <= 1.1): ")
			.append(pairRatio(starter, boot, (r) -> r.measures().get(ITEMS).bytesPerRequest())).append('\n');
		md.append("- the log line's extra CPU (logged minus items), starter ÷ bare: ")
			.append(fmt(median(perRound(starter, byName(variants, "bare"), (s, b) -> cost(s) / cost(b))), 2))
			.append(" (whole process: the starter encodes JSON on its async appender's thread)\n");
		double starterLine = median(logLineRequestThreadCost(starter));
		double bareLine = median(logLineRequestThreadCost(byName(variants, "bare")));
		md.append("- the log line's extra CPU on the request thread (logged minus items), starter ÷ bare (target <= 1.0): ")
			.append((starterLine > 0 && bareLine > 0) ? fmt(starterLine / bareLine, 2)
					: "n/a (a difference at or below 0 is within the noise)")
			.append(" (starter ")
			.append(fmt(median(logLineRequestThreadCost(starter)), 1))
			.append(" µs, bare ")
			.append(fmt(median(logLineRequestThreadCost(byName(variants, "bare"))), 1))
			.append(" µs)\n");
		return md.toString();
	}

	static String header(String... columns) {
		return row("variant", columns) + "|---" + "|---:".repeat(columns.length) + "|\n";
	}

	static String row(String variant, String... cells) {
		return "| " + variant + " | " + String.join(" | ", cells) + " |\n";
	}

	static double cost(Run r) {
		return r.measures().get(LOGGED).cpuUsPerRequest() - r.measures().get(ITEMS).cpuUsPerRequest();
	}

	Variant byName(List<Variant> variants, String name) {
		return variants.stream().filter((v) -> v.name().equals(name)).findFirst().orElse(null);
	}

	List<Double> perRound(Variant a, Variant b, java.util.function.BiFunction<Run, Run, Double> f) {
		List<Double> values = new ArrayList<>();
		for (int round = 1; round <= this.rounds; round++) {
			Run ra = run(round, a);
			Run rb = run(round, b);
			if (ra != null && rb != null) {
				values.add(f.apply(ra, rb));
			}
		}
		return values;
	}

	Run run(int round, Variant v) {
		return this.runs.stream().filter((r) -> r.round() == round && r.variant() == v).findFirst().orElse(null);
	}

	String overheadRatio(Variant a, Variant b) {
		Variant bare = bare();
		List<Double> values = new ArrayList<>();
		for (int round = 1; round <= this.rounds; round++) {
			Run ra = run(round, a);
			Run rb = run(round, b);
			Run r0 = run(round, bare);
			double base = r0.measures().get(ITEMS).cpuUsPerRequest();
			values.add((ra.measures().get(ITEMS).cpuUsPerRequest() - base)
					/ (rb.measures().get(ITEMS).cpuUsPerRequest() - base));
		}
		return fmt(median(values), 2) + " (rounds: " + values.stream().map((d) -> fmt(d, 2)).collect(
				Collectors.joining(", ")) + ")";
	}

	String pairRatio(Variant a, Variant b, ToDoubleFunction<Run> f) {
		List<Double> values = perRound(a, b, (ra, rb) -> f.applyAsDouble(ra) / f.applyAsDouble(rb));
		return fmt(median(values), 2) + " (rounds: " + values.stream().map((d) -> fmt(d, 2)).collect(
				Collectors.joining(", ")) + ")";
	}

	List<Double> logLineCost(Variant v) {
		return runsOf(v).stream().map(Overhead::cost).toList();
	}

	/** The log line's extra CPU on the request threads alone (logged minus items), per round. */
	List<Double> logLineRequestThreadCost(Variant v) {
		return runsOf(v).stream().map(Overhead::requestThreadCost).toList();
	}

	static double requestThreadCost(Run r) {
		return r.measures().get(LOGGED).requestThreadCpuUs() - r.measures().get(ITEMS).requestThreadCpuUs();
	}

	List<Run> runsOf(Variant v) {
		return this.runs.stream().filter((r) -> r.variant() == v).toList();
	}

	Variant bare() {
		return this.runs.stream().map(Run::variant).filter((v) -> v.name().equals("bare")).findFirst().get();
	}

	List<Double> measureValues(Variant v, String endpoint, ToDoubleFunction<Measure> f) {
		return runsOf(v).stream().map((r) -> f.applyAsDouble(r.measures().get(endpoint))).toList();
	}

	List<Double> values(Variant v, ToDoubleFunction<Run> f) {
		return runsOf(v).stream().map(f::applyAsDouble).toList();
	}

	String ratio(Variant v, String endpoint, ToDoubleFunction<Measure> f) {
		return fmt(median(perRound(v, bare(), (a, b) -> f.applyAsDouble(a.measures().get(endpoint))
				/ f.applyAsDouble(b.measures().get(endpoint)))), 2);
	}

	String runRatio(Variant v, ToDoubleFunction<Run> f) {
		return fmt(median(perRound(v, bare(), (a, b) -> f.applyAsDouble(a) / f.applyAsDouble(b))), 2);
	}

	String overhead(Variant v, String endpoint) {
		List<Double> values = perRound(v, bare(), (a, b) -> a.measures().get(endpoint).cpuUsPerRequest()
				- b.measures().get(endpoint).cpuUsPerRequest());
		return (v.name().equals("bare") ? "0" : String.format(Locale.ROOT, "%+,.1f", median(values))) + " µs";
	}

	String abs(Variant v, String endpoint, ToDoubleFunction<Measure> f, double divisor, int decimals) {
		return stat(measureValues(v, endpoint, (m) -> f.applyAsDouble(m) / divisor), decimals);
	}

	String withRatio(Variant v, String endpoint, ToDoubleFunction<Measure> f, double divisor, int decimals) {
		return fmt(median(measureValues(v, endpoint, (m) -> f.applyAsDouble(m) / divisor)), decimals) + " ("
				+ ratio(v, endpoint, f) + ")";
	}

	static String stat(List<Double> values, int decimals) {
		if (values.size() == 1) {
			return fmt(values.get(0), decimals);
		}
		return fmt(median(values), decimals) + " (" + fmt(Collections.min(values), decimals) + "-"
				+ fmt(Collections.max(values), decimals) + ")";
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	static String fmt(double value, int decimals) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	String machine() throws Exception {
		String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
		Matcher model = Pattern.compile("model name\\s*:\\s*(.+)").matcher(cpuinfo);
		String cpu = model.find() ? model.group(1).trim() : "unknown CPU";
		String java = exec(List.of("java", "-version")).lines().findFirst().orElse("java ?");
		long memKb = Long.parseLong(find(Files.readString(Path.of("/proc/meminfo")), "MemTotal:\\s+(\\d+) kB"));
		String wrk = new String(new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start().getInputStream()
			.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("wrk ?").replaceAll(" Copyright.*", "").trim();
		return String.format(Locale.ROOT, "%s CPUs (%s), %.0f GB RAM, %s, %s", exec(List.of("nproc", "--all")).trim(),
				cpu, memKb / 1024.0 / 1024.0, java, wrk);
	}

	String raw() {
		StringBuilder tsv = new StringBuilder(
				"round\tvariant\tendpoint\tstartup_s\trss_mb\trequests\trps\tp50_ms\tp99_ms\tcpu_us_per_req\tbytes_per_req\terrors\trequest_thread_cpu_us_per_req\n");
		for (Run r : this.runs) {
			for (Map.Entry<String, Measure> e : r.measures().entrySet()) {
				Measure m = e.getValue();
				tsv.append(String.format(Locale.ROOT, "%d\t%s\t%s\t%.3f\t%.1f\t%d\t%.1f\t%.3f\t%.3f\t%.2f\t%.0f\t%d\t%.2f%n",
						r.round(), r.variant().name(), e.getKey(), r.startupSeconds(), r.rssMb(), m.requests(), m.rps(),
						m.p50Ms(), m.p99Ms(), m.cpuUsPerRequest(), m.bytesPerRequest(), m.errors(),
						m.requestThreadCpuUs()));
			}
		}
		return tsv.toString();
	}

}
