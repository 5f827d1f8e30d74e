#!/bin/bash
# CI regression guard: Hearth beside Unbound in one short run of the shared harness, on loopback.
# Fails only on a gross regression, never on noise:
#   - Hearth's hot (cached) QPS below QPS_RATIO (default 0.2) x Unbound's in the same run AND its hot
#     QPS per target CPU-second below CPU_RATIO (default 0.25) x Unbound's (a slower Hearth drops
#     both; a neighbour's load on a shared runner has moved one at a time, by up to 3x), or
#   - more than 0.1 % of queries lost, a wrong block check (list names must be blocked, popular names forwarded), or
#     Hearth failing to start.
# Why not "half of Unbound's QPS": Hearth is not there yet, and the noise is large. Measured on the
# shared 2-core box (2026-11-28, bench/README.md): hot QPS 0.34 to 0.97 x Unbound's, per CPU-second
# 0.29 to 0.87 x, never both low in one run; Hearth under -Xint (20x slower) 0.03 and 0.02. So the
# guard catches a slowdown of about 3x or worse; raise the bars as Hearth nears parity.
# Bounded: every harness step has a count and a time limit and the harness is under `timeout 90`.
# Run by gateway's QuickBenchIT in mvn verify (never skipped when CI=true).
#
# usage: bash bench/quick-check.sh            (after mvn -B -pl gateway -am -DskipTests package)
# env:   HEARTH_BENCH_HARNESS  the harness folder (default /work/shared/bench); it is copied to
#                              QUICK_WORK (default gateway/target/quick-bench) because it writes work/ under itself
#        QPS_RATIO, CPU_RATIO  the guard's fractions of Unbound (defaults 0.2 and 0.25)
#        HEARTH_JAVA_OPTS      JVM flags for the gateway
#        QUICK_NAMES, QUICK_DURATION, QUICK_WARMUP   list size, seconds per file, warm-up seconds
# needs: python3, dnsperf, unbound, nsd, taskset (util-linux), gcc is NOT needed (no ceiling)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
harness=${HEARTH_BENCH_HARNESS:-/work/shared/bench}
qps_ratio=${QPS_RATIO:-0.2}
cpu_ratio=${CPU_RATIO:-0.25}
# Sized so the whole script stays under a minute on a loaded 2-core runner (QuickBenchIT runs it in
# mvn verify): 2 s per file after a 4 s warm-up is enough for the JIT on the hot path.
names=${QUICK_NAMES:-50000}
duration=${QUICK_DURATION:-2}
warmup=${QUICK_WARMUP:-4}
for tool in python3 dnsperf unbound nsd taskset; do
  command -v "$tool" > /dev/null || { echo "quick-check: $tool missing (apt-get install dnsperf unbound nsd util-linux python3)" >&2; exit 2; }
done
[ -x "$harness/run.sh" ] || { echo "quick-check: no harness at $harness (HEARTH_BENCH_HARNESS)" >&2; exit 2; }
[ -s "$root/gateway/target/hearth.jar" ] || { echo "quick-check: build gateway/target/hearth.jar first" >&2; exit 2; }

# A fixed folder, kept between calls: the harness caches the list and its query files (about 3.5 M
# lines, 10 to 30 s to generate) under work/cache, keyed by the list's path, so a fresh scratch
# folder would pay for them every time. `mvn clean` removes it.
scratch=${QUICK_WORK:-$root/gateway/target/quick-bench}
mkdir -p "$scratch"
rm -rf "$scratch/work/runs"
tar -C "$harness" --exclude=./work --exclude=./build -cf - . | tar -C "$scratch" -xf -
cd "$scratch"
# Free ports, so the guard can run beside another harness run (the harness's defaults are fixed).
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
target_port=$(free_port); upstream_port=$(free_port)
# Unbound runs first (its hot figure is the yardstick), then Hearth: a cold start, so the compile of
# the 100 000 names happens before the block check (the harness waits for "all blocked").
timeout 90 ./run.sh --targets unbound \
    --target-cmd "bash $root/bench/hearth-target.sh" --target-name hearth \
    --target-port "$target_port" --upstream-port "$upstream_port" \
    --synthetic-size "$names" --files hot,blocked --duration "$duration" --lat-duration 0 --warmup "$warmup" \
    --startup-timeout 30 --label quick-check > run.log 2>&1 || {
  tail -30 run.log >&2; echo "quick-check: the harness failed" >&2; exit 1; }
results=$(find work/runs -name results.json | sort | tail -1)

python3 - "$results" "$qps_ratio" "$cpu_ratio" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))
qps_ratio, cpu_ratio = float(sys.argv[2]), float(sys.argv[3])
by = {t["target"]: t for t in res["targets"]}
problems = []
for name in ("unbound", "hearth"):
    t = by.get(name)
    if t is None or "hot" not in t.get("runs", {}):
        problems.append(f"{name}: not measured ({t.get('error') if t else 'missing'})")
if problems:
    print("quick-check FAILED:", "; ".join(problems)); sys.exit(1)
def hot(name):
    s = by[name]["runs"]["hot"]["sat"]
    return s["qps"], s["qps"] / max(s["target_cpu_pct"], 1.0) * 100.0, s["lost_pct"]
u_qps, u_cpu, _ = hot("unbound")
h_qps, h_cpu, h_lost = hot("hearth")
for f in ("hot", "blocked"):
    lost = by["hearth"]["runs"][f]["sat"]["lost_pct"]
    if lost > 0.1:  # a 2 s dnsperf timeout under a neighbour's burst is noise; a dropping gateway loses far more
        problems.append(f"hearth lost {lost}% of the {f} queries")
check = by["hearth"].get("block_check") or {}
for k in ("exact", "allowed"):
    v = str(check.get(k, "0/1"))
    got, of = v.split("/")
    if got != of:
        problems.append(f"block check {k}: {v}")
if h_qps < qps_ratio * u_qps and h_cpu < cpu_ratio * u_cpu:
    problems.append(f"hot QPS {h_qps:.0f} < {qps_ratio} x Unbound's {u_qps:.0f} and per CPU-second "
                    f"{h_cpu:.0f} < {cpu_ratio} x Unbound's {u_cpu:.0f}")
print(f"quick-check: hot QPS hearth {h_qps:.0f} / unbound {u_qps:.0f} = {h_qps / u_qps:.2f}; "
      f"per target CPU-second {h_cpu:.0f} / {u_cpu:.0f} = {h_cpu / u_cpu:.2f}; "
      f"other load {by['hearth']['runs']['hot']['sat']['other_cpu_pct']}% CPU")
if problems:
    print("quick-check FAILED:", "; ".join(problems)); sys.exit(1)
print(f"quick-check passed (fails below {qps_ratio} x Unbound's QPS and {cpu_ratio} x its QPS per CPU-second)")
PY
