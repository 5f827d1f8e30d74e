#!/usr/bin/env bash
# Soak test (not in CI): runs `hearth serve` on 127.0.0.1 under mixed load for a while, with
# config edits every few minutes that switch list sets (each one a list rebuild and a policy
# reload), and records the process's RSS and Java heap every minute to a CSV.
#
#   soak/run-soak.sh [SECONDS] [CSV]      default: 3600 s, soak/soak-<date>.csv
#
# Load: dnsperf at a steady rate (SOAK_QPS, default 300) from a query file that mixes listed
# (blocked) names, names that repeat (cache hits) and fresh random names (cache misses, forwarded to
# soak/upstream.py, a loopback stand-in for the internet). Only 127.0.0.1 is ever used.
# Needs: a built gateway/target/hearth.jar (mvn -B -o -pl gateway -am package -DskipTests),
# dnsperf, python3, jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-3600}
CSV=${2:-soak/soak-$(date -u +%Y%m%dT%H%M).csv}
QPS=${SOAK_QPS:-300}
EDIT_EVERY=${SOAK_EDIT_EVERY:-120}
JAR=gateway/target/hearth.jar
[ -f "$JAR" ] || { echo "no $JAR: mvn -B -o -pl gateway -am package -DskipTests" >&2; exit 1; }
for tool in dnsperf python3 jcmd; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

work=$(mktemp -d /tmp/hearth-soak.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Two list sets from the real lists; the config edits switch between them.
lists=/work/shared/data/blocklists
mkdir -p "$work/lists" "$work/data"
cp "$lists/ut1/gambling.txt" "$lists/blocklistproject/tracking.hosts.txt" "$work/lists/"
cp "$lists/chadmayfield/porn_top1m.domains.txt" "$work/lists/"

python3 soak/upstream.py > "$work/upstream.port" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/upstream.port" ] && break; sleep 0.1; done
up=$(cat "$work/upstream.port")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

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
lists:
  - {name: gambling, category: gambling, source: lists/gambling.txt}
$extra
profiles:
  kids: {block: [gambling, ads-trackers, adult]}
defaultProfile: kids
YML
    mv "$work/hearth.yml.new" "$work/hearth.yml"
}
write_config a

java -Xmx256m -jar "$JAR" serve --config="$work/hearth.yml" --data="$work/data" > "$work/serve.log" 2>&1 & gw=$!
pids+=($gw)
for _ in $(seq 100); do grep -q "DNS gateway started" "$work/serve.log" && break; sleep 0.2; done
grep -q "DNS gateway started" "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }

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

echo "time_utc,elapsed_s,rss_kib,heap_used_kib,heap_committed_kib,config" > "$CSV"
start=$(date +%s); next_edit=$((start + EDIT_EVERY)); set_now=a
while :; do
    now=$(date +%s); elapsed=$((now - start))
    kill -0 "$gw" 2>/dev/null || { echo "gateway died" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$gw/status")
    # G1: "garbage-first heap   total 262144K, used 81234K"
    heap=$(jcmd "$gw" GC.heap_info 2>/dev/null | awk '/heap/ && /total/ {gsub(/[K,]/,""); for (i=1;i<=NF;i++) { if ($i=="total") t=$(i+1); if ($i=="used") u=$(i+1) } print u","t; exit}')
    echo "$(date -u +%FT%TZ),$elapsed,$rss,${heap:-,},$set_now" | tee -a "$CSV"
    [ "$elapsed" -ge "$DURATION" ] && break
    if [ "$now" -ge "$next_edit" ]; then
        set_now=$([ "$set_now" = a ] && echo b || echo a); write_config "$set_now"; next_edit=$((now + EDIT_EVERY))
    fi
    sleep $(( 60 - ( $(date +%s) - now ) > 0 ? 60 - ( $(date +%s) - now ) : 1 ))
done
sleep 2
echo "--- dnsperf"; sed -n '/Statistics/,$p' "$work/dnsperf.txt" | head -12
echo "--- reloads and rebuilds in the gateway log"
grep -c "index rebuilt" "$work/serve.log" | sed 's/^/index rebuilds: /'
grep -ci "reloaded\|config applied\|policy" "$work/serve.log" | sed 's/^/policy lines: /'
echo "CSV: $CSV   work dir: $work"
