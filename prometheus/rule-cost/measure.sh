#!/usr/bin/env bash
# Evaluation cost of prometheus/rules/ on synthetic history (README "Rule evaluation cost"), with Docker:
#
#   bash prometheus/rule-cost/measure.sh 100     # applications (x 5 SLOs x 3 instances); needs ~1.5 GB per 100
#
# Writes 73 hours of one-a-minute samples ending 15 minutes from now (so that the evaluation time lies inside
# the history), backfills them with promtool, starts Prometheus on that TSDB with the repository's rules, and
# prints each rule's evaluation time of the slo group after a minute of evaluations. The recording rules' results
# cannot be appended there (the history reaches past the evaluation time: "out of bounds"); their queries, the
# cost measured, run all the same.
set -euo pipefail
apps=${1:-10}
image=${PROMETHEUS_IMAGE:-prom/prometheus:v2.55.1}
here=$(cd "$(dirname "$0")" && pwd)
rules=$(cd "$here/../rules" && pwd)
work=$(mktemp -d)
trap 'docker rm -f "rule-cost-$$" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
python3 "$here/synthetic-history.py" "$apps" 60 73 $(( $(date +%s) + 900 )) "$work/history.txt"
docker run --rm -u 0 -v "$work:/w" -w /w --entrypoint /bin/promtool "$image" \
  tsdb create-blocks-from openmetrics --max-block-duration=24h history.txt data >/dev/null
rm "$work/history.txt"
printf 'global:\n  evaluation_interval: 15s\nrule_files: ["/rules/*.yml"]\n' > "$work/prometheus.yml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
docker run -d --name "rule-cost-$$" --network host -u 0 -v "$work:/w" -v "$rules:/rules:ro" "$image" \
  --config.file=/w/prometheus.yml --storage.tsdb.path=/w/data --storage.tsdb.retention.time=30d \
  --web.listen-address=127.0.0.1:$port >/dev/null
for _ in $(seq 120); do curl -sf "127.0.0.1:$port/-/ready" >/dev/null && break; sleep 1; done
sleep 60
curl -s "127.0.0.1:$port/api/v1/rules" | python3 -c '
import json, sys
for group in json.load(sys.stdin)["data"]["groups"]:
    if group["name"] == "slo":
        print("group slo: %.3fs" % group["evaluationTime"])
        for rule in group["rules"]:
            print("  %-32s %.3fs" % (rule["name"], rule["evaluationTime"]))'
