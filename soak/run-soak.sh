#!/usr/bin/env bash
# Soak test (not in CI): runs `hearth serve` on 127.0.0.1 under mixed load for a while, with
# - config edits every few minutes that switch list sets (each a list rebuild without restart, and a
#   policy reload),
# - a list source over HTTP (loopback) that changes every minute and is refreshed every minute
#   (listsRefresh: 1m),
# and records the process's RSS, Java heap and native memory (NMT) every minute to a CSV, with NMT
# summaries at start and end and a diff between them.
#
#   soak/run-soak.sh [SECONDS] [OUT]      default: 3600 s, soak/results/<date>/
#   nohup setsid soak/run-soak.sh 3600 soak/results/X > soak/results/X.out 2>&1 &   (outlives the shell)
#
# Load: dnsperf at a steady rate (SOAK_QPS, default 300) from a query file that mixes listed
# (blocked) names, names that repeat (cache hits) and fresh random names (cache misses, forwarded to
# soak/upstream.py, a loopback stand-in for the internet). Only 127.0.0.1 is ever used.
# Needs: a built gateway/target/hearth.jar (mvn -B -o -pl gateway -am package -DskipTests),
# dnsperf, dig, python3, jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-3600}
OUT=${2:-soak/results/$(date -u +%Y%m%dT%H%M)}
QPS=${SOAK_QPS:-300}
EDIT_EVERY=${SOAK_EDIT_EVERY:-120}
JAR=gateway/target/hearth.jar
[ -f "$JAR" ] || { echo "no $JAR: mvn -B -o -pl gateway -am package -DskipTests" >&2; exit 1; }
for tool in dnsperf dig python3 jcmd; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
mkdir -p "$OUT"
CSV=$OUT/soak.csv

work=$(mktemp -d /tmp/hearth-soak.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    cp "$work/serve.log" "$work/dnsperf.txt" "$OUT/" 2>/dev/null || true
}
trap cleanup EXIT
# A copy: a rebuild in the worktree during the hour must not change the code that runs.
cp "$JAR" "$work/hearth.jar"

# Two list sets from the real lists; the config edits switch between them.
lists=/work/shared/data/blocklists
mkdir -p "$work/lists" "$work/data" "$work/http"
cp "$lists/ut1/gambling.txt" "$lists/blocklistproject/tracking.hosts.txt" "$work/lists/"
cp "$lists/chadmayfield/porn_top1m.domains.txt" "$work/lists/"

# The HTTP list source: 5000 names, a tenth of them replaced every minute (the size stays, so the
# fetcher's shrink check never trips), and soak-always.example in every version.
write_remote() { # $1: version
    python3 - "$work/http/remote.txt" "$1" <<'PY'
import os, sys
out, version = sys.argv[1], int(sys.argv[2])
with open(out + '.new', 'w') as f:
    f.write('# soak list, version %d\n0.0.0.0 soak-always.example\n' % version)
    for i in range(5000):
        gen = version if i % 10 == version % 10 else 0
        f.write('0.0.0.0 r%d-g%d.soak-remote.example\n' % (i, gen))
os.replace(out + '.new', out)
PY
}
write_remote 0
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$work/http" "$http_port" > "$work/http.log" 2>&1 &
pids+=($!)

python3 soak/upstream.py > "$work/upstream.port" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/upstream.port" ] && break; sleep 0.1; done
up=$(cat "$work/upstream.port")
port=$(free_port)

write_config() { # $1: a or b
    local extra
    if [ "$1" = a ]; then
        extra='  - {name: tracking, category: ads-trackers, source: lists/tracking.hosts.txt}'
    else
        extra='  - {name: adult, category: adult, source: lists/porn_top1m.domains.txt}'
    fi
    cat > "$work/hearth.yml.new" <<YML
dataDir: $work/data
dns: {listen: ["127.0.0.1:$port"]}
upstreams: ["127.0.0.1:$up"]
admin: {listen: []}
listsRefresh: 1m
lists:
  - {name: gambling, category: gambling, source: lists/gambling.txt}
  - {name: remote, category: malware, source: "http://127.0.0.1:$http_port/remote.txt"}
$extra
profiles:
  kids: {block: [gambling, ads-trackers, adult, malware]}
defaultProfile: kids
YML
    mv "$work/hearth.yml.new" "$work/hearth.yml"
}
write_config a

java -Xmx256m -XX:NativeMemoryTracking=summary -jar "$work/hearth.jar" serve --config="$work/hearth.yml" \
    --data="$work/data" > "$work/serve.log" 2>&1 &
gw=$!
pids+=($gw)
for _ in $(seq 100); do grep -q "DNS gateway started" "$work/serve.log" && break; sleep 0.2; done
grep -q "DNS gateway started" "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }
echo "gateway pid $gw, dns 127.0.0.1:$port, list source http://127.0.0.1:$http_port/remote.txt, work $work"

# Queries: a third listed names, a third a small repeating set, a third never asked before.
python3 - "$work/queries.txt" "$lists/ut1/gambling.txt" <<'PY'
import random, sys
listed = [l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')][:2000]
random.seed(7)
with open(sys.argv[1], 'w') as out:
    for i in range(200000):
        r = i % 3
        if r == 0: out.write(f"{random.choice(listed)} A\n")
        elif r == 1: out.write(f"popular{random.randrange(200)}.example AAAA\n" if i % 2 else f"popular{random.randrange(200)}.example A\n")
        else: out.write(f"fresh{random.getrandbits(40):x}.example A\n")
PY
dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -l "$DURATION" -Q "$QPS" -c 4 > "$work/dnsperf.txt" 2>&1 &
pids+=($!)

# NMT: "Total: reserved=1234KB, committed=567KB"; committed is the native memory RSS can hold.
nmt_total() {
    jcmd "$gw" VM.native_memory summary 2>/dev/null \
        | awk -F'committed=' '/^Total:/ {sub(/KB.*/, "", $2); print $2; exit}'
}
jcmd "$gw" VM.native_memory summary > "$OUT/nmt-start.txt" 2>&1 || true
jcmd "$gw" VM.native_memory baseline > /dev/null 2>&1 || true

echo "time_utc,elapsed_s,rss_kib,heap_used_kib,heap_committed_kib,nmt_committed_kib,config,index_rebuilds,always_blocked" \
    > "$CSV"
start=$(date +%s); next_edit=$((start + EDIT_EVERY)); set_now=a; version=0
while :; do
    now=$(date +%s); elapsed=$((now - start))
    kill -0 "$gw" 2>/dev/null || { echo "gateway died" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$gw/status")
    # G1: "garbage-first heap   total 262144K, used 81234K"
    heap=$(jcmd "$gw" GC.heap_info 2>/dev/null | awk '/heap/ && /total/ {gsub(/[K,]/,""); for (i=1;i<=NF;i++) { if ($i=="total") t=$(i+1); if ($i=="used") u=$(i+1) } print u","t; exit}')
    rebuilds=$(grep -c "index rebuilt" "$work/serve.log" || true)
    # The HTTP list's fixed name must stay blocked through every refresh and every edit.
    blocked=$(dig @127.0.0.1 -p "$port" +short +tries=1 +time=2 soak-always.example A | grep -qx 0.0.0.0 \
        && echo yes || echo NO)
    echo "$(date -u +%FT%TZ),$elapsed,$rss,${heap:-,},$(nmt_total),$set_now,$rebuilds,$blocked" | tee -a "$CSV"
    [ "$elapsed" -ge "$DURATION" ] && break
    version=$((version + 1))
    write_remote "$version"
    if [ "$now" -ge "$next_edit" ]; then
        set_now=$([ "$set_now" = a ] && echo b || echo a)
        write_config "$set_now"
        next_edit=$((now + EDIT_EVERY))
    fi
    sleep $(( 60 - ( $(date +%s) - now ) > 0 ? 60 - ( $(date +%s) - now ) : 1 ))
done
jcmd "$gw" VM.native_memory summary > "$OUT/nmt-end.txt" 2>&1 || true
jcmd "$gw" VM.native_memory summary.diff > "$OUT/nmt-diff.txt" 2>&1 || true
sleep 2
{
    echo "--- dnsperf"
    sed -n '/Statistics/,$p' "$work/dnsperf.txt" | head -12
    echo "--- reloads, rebuilds and downloads"
    grep -c "index rebuilt" "$work/serve.log" | sed 's/^/index rebuilds: /' || true
    grep -c "config reloaded" "$work/serve.log" | sed 's/^/config reloads: /' || true
    grep -c "GET /remote.txt" "$work/http.log" | sed 's/^/list downloads (HTTP GETs): /' || true
    grep -c " ERROR " "$work/serve.log" | sed 's/^/ERROR lines in the gateway log: /' || true
    grep -c ",NO$" "$CSV" | sed 's/^/minutes soak-always.example was NOT blocked: /' || true
    echo "CSV: $CSV   work dir: $work"
} | tee "$OUT/summary.txt"
