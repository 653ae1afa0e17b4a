package dev.observability.sample.dashboards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.observability.sample.dashboards.StackFiles.list;
import static dev.observability.sample.dashboards.StackFiles.map;

/**
 * The dashboards of {@code grafana/dashboards/} and their query targets, shared by the lint test and the
 * end-to-end test.
 */
final class Dashboards {

	static final String PROMETHEUS = "${datasource}";

	static final String LOKI = "${loki_datasource}";

	static final String TEMPO = "${tempo_datasource}";

	private Dashboards() {
	}

	static List<Dashboard> all() {
		List<Dashboard> dashboards = new ArrayList<>();
		for (Path file : StackFiles.list("grafana/dashboards", "*.json")) {
			dashboards.add(new Dashboard(file, StackFiles.readMap(file)));
		}
		return dashboards;
	}

	record Dashboard(Path file, Map<String, Object> json) {

		String uid() {
			return (String) this.json.get("uid");
		}

		List<Map<String, Object>> panels() {
			List<Map<String, Object>> panels = new ArrayList<>();
			for (Object panel : list(this.json.get("panels"))) {
				panels.add(map(panel));
				// collapsed rows keep their panels inside
				list(map(panel).get("panels")).forEach(nested -> panels.add(map(nested)));
			}
			return panels;
		}

		List<Map<String, Object>> variables() {
			return list(map(this.json.get("templating")).get("list")).stream().map(StackFiles::map).toList();
		}

		List<Target> targets() {
			List<Target> targets = new ArrayList<>();
			for (Map<String, Object> panel : panels()) {
				for (Object target : list(panel.get("targets"))) {
					Map<String, Object> t = map(target);
					String datasource = (String) map(t.get("datasource")).get("uid");
					String query = (String) ((t.get("expr") != null) ? t.get("expr") : t.get("query"));
					targets.add(new Target(this, (String) panel.get("title"), (String) t.get("refId"), datasource, query,
							Boolean.TRUE.equals(t.get("instant")), Boolean.TRUE.equals(t.get("exemplar"))));
				}
			}
			return targets;
		}

		@Override
		public String toString() {
			return this.file.getFileName().toString();
		}

	}

	record Target(Dashboard dashboard, String panel, String refId, String datasource, String query, boolean instant,
			boolean exemplar) {

		boolean isPrometheus() {
			return PROMETHEUS.equals(this.datasource);
		}

		@Override
		public String toString() {
			return this.dashboard.uid() + " / " + this.panel + " / " + this.refId + ": " + this.query;
		}

	}

}
