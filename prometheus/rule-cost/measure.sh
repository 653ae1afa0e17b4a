#!/usr/bin/env bash
# Evaluation cost of prometheus/rules/ on synthetic history (README "Rule evaluation cost"), with Docker:
#
#   bash prometheus/rule-cost/measure.sh 100          # applications (x 5 SLOs x 3 instances)
#   bash prometheus/rule-cost/measure.sh 1000 3       # raw counters for the last 3 hours only
#   RULES=/tmp/old-rules bash prometheus/rule-cost/measure.sh 100   # another rules directory (e.g. an older slo.yml)
#
# Writes one-a-minute samples ending 15 minutes (LEAD_MINUTES) from now (so that the evaluation time lies inside
# the history):
# slo_events_total for RAW_HOURS (default 73: the 3d window and an hour), and 73 hours of what the rules'
# slo-increase5m group records every 5 minutes (the 6h, 1d and 3d windows read those). Backfills them with
# promtool, starts Prometheus on that TSDB with the rules, and prints each rule's evaluation time (the median of
# the readings of /api/v1/rules, 15s apart) for the slo groups. The recording rules' results cannot be appended
# there (the history reaches past the evaluation time: "out of bounds"); their queries, the cost measured, run
# all the same. The current rules read raw counters over 2h at most, so RAW_HOURS=3 measures them as well as 73
# does (and needs ~20 times less disk and backfill time); the raw-counter rules of the README's "before" row
# need 73. Needs ~1.5 GB of temporary disk per 100 applications at 73 hours.
set -euo pipefail
apps=${1:-10}
raw_hours=${2:-73}
image=${PROMETHEUS_IMAGE:-prom/prometheus:v2.55.1}
here=$(cd "$(dirname "$0")" && pwd)
rules=$(cd "${RULES:-$here/../rules}" && pwd)
work=$(mktemp -d)
trap 'docker rm -f "rule-cost-$$" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
started=$(date +%s)
# LEAD_MINUTES: how far past now the history reaches; writing and backfilling 1,000 applications at 73 hours
# takes about 20 minutes here, so give that one 40
python3 "$here/synthetic-history.py" "$apps" 60 "$raw_hours" 73 $(( $(date +%s) + ${LEAD_MINUTES:-15} * 60 )) "$work/history.txt"
docker run --rm -u 0 -v "$work:/w" -w /w --entrypoint /bin/promtool "$image" \
  tsdb create-blocks-from openmetrics --max-block-duration=24h history.txt data >/dev/null
rm "$work/history.txt"
echo "history of $apps applications ($raw_hours h raw) written and backfilled in $(( $(date +%s) - started ))s" >&2
printf 'global:\n  evaluation_interval: 15s\nrule_files: ["/rules/*.yml"]\n' > "$work/prometheus.yml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
docker run -d --name "rule-cost-$$" --network host -u 0 -v "$work:/w" -v "$rules:/rules:ro" "$image" \
  --config.file=/w/prometheus.yml --storage.tsdb.path=/w/data --storage.tsdb.retention.time=30d \
  --web.listen-address=127.0.0.1:$port >/dev/null
for _ in $(seq 300); do curl -sf "127.0.0.1:$port/-/ready" >/dev/null && break; sleep 1; done
sleep 30
for reading in 1 2 3 4 5; do
  curl -s "127.0.0.1:$port/api/v1/rules" > "$work/rules-$reading.json"
  sleep 15
done
# the slo-increase5m group runs every 5 minutes (its first time at a random offset): wait for one evaluation
for _ in $(seq 40); do
  curl -s "127.0.0.1:$port/api/v1/rules" > "$work/rules-6.json"
  python3 -c 'import json,sys; sys.exit(0 if all(g["lastEvaluation"][:4] != "0001" for g in json.load(open(sys.argv[1]))["data"]["groups"]) else 1)' "$work/rules-6.json" && break
  sleep 10
done
# what the windows read: series of raw counters, and recorded 5-minute increases over the 3d window per series
for query in 'count(slo_events_total)' 'count(slo:slo_events:increase5m)' \
    'min(count_over_time(slo:slo_events:increase5m[71h59m59s]))'; do
  printf '%-60s %s\n' "$query" "$(curl -s "127.0.0.1:$port/api/v1/query" --data-urlencode "query=$query" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "none")')"
done
python3 - "$work"/rules-*.json <<'EOF'
import json, statistics, sys
readings = [json.load(open(path))["data"]["groups"] for path in sys.argv[1:]]
for name in [g["name"] for g in readings[0] if g["name"].startswith("slo")]:
    groups = [g for groups in readings for g in groups if g["name"] == name and g["lastEvaluation"][:4] != "0001"]
    if not groups:
        print("group %s: not evaluated yet" % name)
        continue
    print("group %s: %.3fs (%d readings)" % (name, statistics.median(g["evaluationTime"] for g in groups), len(groups)))
    for i, rule in enumerate(groups[0]["rules"]):
        print("  %-32s %.3fs" % (rule["name"], statistics.median(g["rules"][i]["evaluationTime"] for g in groups)))
EOF
