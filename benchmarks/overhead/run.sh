#!/usr/bin/env bash
# The overhead benchmark (README "Overhead"): builds the benchmark app's variants (and the starter of this working
# tree) in benchmarks/overhead's own reactor, then runs them side by side and prints a Markdown report.
#
#   benchmarks/overhead/run.sh            full mode: 3 rounds, under 20 minutes on a 2-core machine
#   benchmarks/overhead/run.sh --quick    1 short round, for development (about 4 minutes)
#   BASELINE_REF=e3614cd benchmarks/overhead/run.sh
#                                         adds the variant "starter@e3614cd": the starter as it was at that ref
#
# Any other argument goes to the runner (Overhead.java): --rounds N, --warmup S, --measure S, --variants a,b,
# --connections N, --app-cpu C, --load-cpu C, --jvm-args "...", --out DIR. Needs wrk and taskset on the PATH
# (Debian: apt-get install wrk util-linux) and a JDK 17+. MAVEN_ARGS (e.g. -o) goes to the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
for tool in wrk taskset java; do
  command -v "$tool" >/dev/null || { echo "$tool is not on the PATH (Debian: apt-get install wrk util-linux)" >&2; exit 1; }
done
if [ "$(nproc --all)" -lt 2 ]; then
  echo "needs 2 CPUs: the app runs on one, wrk on the other" >&2
  exit 1
fi

echo "Building the variants (benchmarks/overhead/pom.xml)..."
"$root/mvnw" -B -q ${MAVEN_ARGS:-} -f "$here/pom.xml" package -DskipTests

extra=()
if [ -n "${BASELINE_REF:-}" ]; then
  # the starter at BASELINE_REF, built in a temporary worktree beside the same benchmark app; nothing installed
  base="$(mktemp -d)/baseline"
  trap 'git -C "$root" worktree remove --force "$base" >/dev/null 2>&1 || true' EXIT
  echo "Building the starter at $BASELINE_REF in $base..."
  git -C "$root" worktree add --detach "$base" "$BASELINE_REF" >/dev/null
  rm -rf "$base/benchmarks/overhead"
  mkdir -p "$base/benchmarks/overhead"
  cp -r "$here/pom.xml" "$here/app" "$here/variants" "$base/benchmarks/overhead/"
  rm -rf "$base"/benchmarks/overhead/{app,variants/*}/target
  "$root/mvnw" -B -q ${MAVEN_ARGS:-} -f "$base/benchmarks/overhead/pom.xml" -pl variants/starter -am package -DskipTests
  extra+=(--baseline-classpath "$base/benchmarks/overhead/variants/starter/target/classpath.txt"
          --baseline-ref "$BASELINE_REF")
fi

cd "$here"
# the runner also serves the downstream stub and the discarding OTLP receiver: it shares wrk's CPU
taskset -c "${LOAD_CPU:-0}" java Overhead.java --dir "$here" "${extra[@]}" "$@"
