"""Synthetic SLO history in OpenMetrics text, for measuring the rules' evaluation cost (README "Rule evaluation cost").

    python3 synthetic-history.py APPS STEP_SECONDS RAW_HOURS RECORDED_HOURS END_EPOCH_SECONDS OUT.txt

APPS applications x 5 SLOs x 3 instances: slo_events_total{outcome="good"|"bad"} counters (10 events/s, 0.1% bad)
with one sample every STEP_SECONDS for RAW_HOURS up to END, slo_objective for the last 7 hours, and for the last
RECORDED_HOURS what the slo-increase5m group of prometheus/rules/slo.yml records every 5 minutes
(slo:slo_events:increase5m and slo:slo_events_bad:increase5m per application and SLO: the three instances'
increases summed). The recorded series are written directly rather than backfilled with
promtool tsdb create-blocks-from rules, which would need a Prometheus answering over the whole raw history.
Load the file with promtool tsdb create-blocks-from openmetrics --max-block-duration=24h OUT.txt DATA_DIR
(see measure.sh).
"""
import sys

apps, step, raw_hours, recorded_hours, end, out = (int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]),
                                                   float(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
start = end - int(raw_hours * 3600)
slos = ["availability", "latency", "checkout", "search", "payments"]
instances = 3
good_rate, bad_rate = 9.99, 0.01


def instance(a, i):
    return "10.0.%d.%d:8080" % (a % 250, i)


with open(out, "w", buffering=1 << 24) as f:
    f.write("# TYPE slo_events counter\n")
    for a in range(apps):
        for s in slos:
            for i in range(instances):
                for outcome, rate in (("good", good_rate), ("bad", bad_rate)):
                    labels = 'slo_events_total{application="app-%d",slo="%s",instance="%s",outcome="%s"} ' % (
                        a, s, instance(a, i), outcome)
                    value, lines = 0.0, []
                    for t in range(start, end + 1, step):
                        value += rate * step
                        lines.append("%s%.1f %d\n" % (labels, value, t))
                    f.write("".join(lines))
    f.write("# TYPE slo_objective gauge\n")
    for a in range(apps):
        for s in slos:
            for i in range(instances):
                labels = 'slo_objective{application="app-%d",slo="%s",instance="%s"} 0.999 ' % (a, s, instance(a, i))
                f.write("".join("%s%d\n" % (labels, t) for t in range(end - 7 * 3600, end + 1, step)))
    if recorded_hours > 0:
        # the group runs every 5 minutes: one sample every 300s, aligned to END
        times = range(end - int(recorded_hours * 3600) // 300 * 300, end + 1, 300)
        for name, rate in (("slo:slo_events:increase5m", good_rate + bad_rate), ("slo:slo_events_bad:increase5m", bad_rate)):
            f.write("# TYPE %s gauge\n" % name)
            value = "%.1f" % (instances * rate * 300)
            for a in range(apps):
                for s in slos:
                    labels = '%s{application="app-%d",slo="%s"} %s ' % (name, a, s, value)
                    f.write("".join("%s%d\n" % (labels, t) for t in times))
    f.write("# EOF\n")
