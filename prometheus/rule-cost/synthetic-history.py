"""Synthetic SLO history in OpenMetrics text, for measuring the rules' evaluation cost (README "Rule evaluation cost").

    python3 synthetic-history.py APPS STEP_SECONDS HOURS END_EPOCH_SECONDS OUT.txt

APPS applications x 5 SLOs x 3 instances: slo_events_total{outcome="good"|"bad"} counters (10 events/s, 0.1% bad)
with one sample every STEP_SECONDS for HOURS up to END, and slo_objective for the last 7 hours. Load it with
promtool tsdb create-blocks-from openmetrics --max-block-duration=24h OUT.txt DATA_DIR (see measure.sh).
"""
import sys

apps, step, hours, end, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
start = end - int(hours * 3600)
slos = ["availability", "latency", "checkout", "search", "payments"]
with open(out, "w", buffering=1 << 24) as f:
    f.write("# TYPE slo_events counter\n")
    for a in range(apps):
        for s in slos:
            for i in range(3):
                for outcome, rate in (("good", 9.99), ("bad", 0.01)):
                    labels = 'slo_events_total{application="app-%d",slo="%s",instance="10.0.%d.%d:8080",outcome="%s"} ' % (
                        a, s, a % 250, i, outcome)
                    value, lines = 0.0, []
                    for t in range(start, end + 1, step):
                        value += rate * step
                        lines.append("%s%.1f %d\n" % (labels, value, t))
                    f.write("".join(lines))
    f.write("# TYPE slo_objective gauge\n")
    for a in range(apps):
        for s in slos:
            for i in range(3):
                labels = 'slo_objective{application="app-%d",slo="%s",instance="10.0.%d.%d:8080"} 0.999 ' % (a, s, a % 250, i)
                f.write("".join("%s%d\n" % (labels, t) for t in range(end - 7 * 3600, end + 1, step)))
    f.write("# EOF\n")
