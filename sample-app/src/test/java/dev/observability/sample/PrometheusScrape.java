package dev.observability.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one real {@code /actuator/prometheus} scrape, with just enough parsing for assertions: samples
 * by metric name and labels.
 */
final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( .*)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private final String text;

	private PrometheusScrape(String text) {
		this.text = text;
		this.samples = text.lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).map(Sample::parse).toList();
	}

	static PrometheusScrape fetch(HttpClient client, int port) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Scrape answered " + response.statusCode() + ": " + response.body());
		}
		return new PrometheusScrape(response.body());
	}

	String text() {
		return this.text;
	}

	/** Samples of the given metric name (exact, e.g. {@code http_server_requests_seconds_bucket}). */
	List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	/** Samples of the metric whose labels include all the given {@code key, value} pairs. */
	List<Sample> samples(String name, String... labels) {
		return samples(name).stream().filter((sample) -> sample.has(labels)).toList();
	}

	/** Sum of the values of the matching samples; 0 when there is none. */
	double sum(String name, String... labels) {
		return samples(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	record Sample(String name, Map<String, String> labels, double value) {

		static Sample parse(String line) {
			Matcher matcher = SAMPLE.matcher(line);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(3) != null) {
				Matcher label = LABEL.matcher(matcher.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			return new Sample(matcher.group(1), labels, number(matcher.group(4)));
		}

		private static double number(String text) {
			return switch (text) {
				case "+Inf" -> Double.POSITIVE_INFINITY;
				case "-Inf" -> Double.NEGATIVE_INFINITY;
				case "NaN" -> Double.NaN;
				default -> Double.parseDouble(text);
			};
		}

		boolean has(String... pairs) {
			if (pairs.length % 2 != 0) {
				throw new IllegalArgumentException("Labels must be key/value pairs: " + Arrays.toString(pairs));
			}
			for (int i = 0; i < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
