import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a benchmark app (README "Overhead", profiling): CPU samples and allocation
 * samples by top frame (self) and by any frame on the stack (inclusive), with each share of the total, and writes
 * collapsed stacks (one "frame;frame;...;top weight" line per stack, flame-graph input) beside the recording.
 *
 * <pre>java JfrTop.java recording.jfr [top N] [frame filter regex for the inclusive tables]</pre>
 */
public class JfrTop {

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		int top = (args.length > 1) ? Integer.parseInt(args[1]) : 25;
		String filter = (args.length > 2) ? args[2]
				: "^(dev\\.observability|io\\.micrometer|io\\.opentelemetry|io\\.prometheus|ch\\.qos\\.logback"
						+ "|net\\.logstash|org\\.springframework\\.(boot\\.micrometer|web\\.filter\\.ServerHttpObservation"
						+ "|http\\.client\\.observation|web\\.client))";
		Map<String, Double> cpuSelf = new HashMap<>();
		Map<String, Double> cpuIncl = new HashMap<>();
		Map<String, Double> allocSelf = new HashMap<>();
		Map<String, Double> allocIncl = new HashMap<>();
		Map<String, Double> cpuStacks = new HashMap<>();
		Map<String, Double> allocStacks = new HashMap<>();
		double[] totals = new double[2];
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				String type = event.getEventType().getName();
				boolean cpu = type.equals("jdk.ExecutionSample");
				boolean alloc = type.equals("jdk.ObjectAllocationSample");
				if ((!cpu && !alloc) || event.getStackTrace() == null) {
					continue;
				}
				double weight = cpu ? 1 : event.getLong("weight");
				totals[cpu ? 0 : 1] += weight;
				add(event.getStackTrace(), weight, filter, cpu ? cpuSelf : allocSelf, cpu ? cpuIncl : allocIncl,
						cpu ? cpuStacks : allocStacks);
			}
		}
		System.out.printf(Locale.ROOT, "%s: %.0f CPU samples, %.1f MB of sampled allocation%n", file, totals[0],
				totals[1] / 1e6);
		print("CPU, top frame (self)", cpuSelf, totals[0], top);
		print("CPU, anywhere on the stack (inclusive), frames matching the filter", cpuIncl, totals[0], top);
		print("Allocation, top frame (self)", allocSelf, totals[1], top);
		print("Allocation, anywhere on the stack (inclusive), frames matching the filter", allocIncl, totals[1], top);
		write(file, ".cpu.collapsed", cpuStacks);
		write(file, ".alloc.collapsed", allocStacks);
	}

	static void add(RecordedStackTrace trace, double weight, String filter, Map<String, Double> self,
			Map<String, Double> inclusive, Map<String, Double> stacks) {
		List<RecordedFrame> frames = trace.getFrames();
		if (frames.isEmpty()) {
			return;
		}
		self.merge(name(frames.get(0)), weight, Double::sum);
		Set<String> seen = new HashSet<>();
		StringBuilder collapsed = new StringBuilder();
		for (int i = frames.size() - 1; i >= 0; i--) {
			String name = name(frames.get(i));
			if (name.matches(filter + ".*") && seen.add(name)) {
				inclusive.merge(name, weight, Double::sum);
			}
			collapsed.append(name).append((i > 0) ? ";" : "");
		}
		stacks.merge(collapsed.toString(), weight, Double::sum);
	}

	static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	static void print(String title, Map<String, Double> values, double total, int top) {
		System.out.println();
		System.out.println(title + ":");
		List<Map.Entry<String, Double>> entries = new ArrayList<>(values.entrySet());
		entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
		for (Map.Entry<String, Double> e : entries.subList(0, Math.min(top, entries.size()))) {
			System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100 * e.getValue() / total, e.getKey());
		}
	}

	static void write(Path file, String suffix, Map<String, Double> stacks) throws Exception {
		StringBuilder out = new StringBuilder();
		stacks.forEach((stack, weight) -> out.append(stack).append(' ').append(Math.round(weight)).append('\n'));
		Files.writeString(Path.of(file + suffix), out);
	}

}
