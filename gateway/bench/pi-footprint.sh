#!/bin/bash
# Runs the real `hearth serve` with the Pi package's JAVA_OPTS (pi-image/.../etc/default/hearth)
# and real lists, forces a cold compile of the lists inside the daemon (as the first boot and every
# refresh do), sends real dig traffic, and reports: did it survive, how long until the index was
# in force, the heap after the fullest GC, and the resident size.
#
# usage: gateway/bench/pi-footprint.sh household|school [extra JVM flags...]
#   household: 4 hagezi lists, 584 257 names; school: 15 lists, 1 452 939 names.
#   LIST_COUNT=N uses only the set's first N lists.
# Needs: dig, ps, python3; builds the gateway (mvn compile, main classes only) when needed.
# Leaves its files in gateway/target/bench/footprint-SET.
set -euo pipefail
set_name=${1:?household or school}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
lists=${HEARTH_BLOCKLISTS:-/work/shared/data/blocklists}
dir=$here/target/bench/footprint-$set_name
rm -rf "$dir" && mkdir -p "$dir"

household="hagezi/nsfw.domains.txt.gz adult
hagezi/gambling-medium.domains.txt.gz gambling
hagezi/multi.adblock.txt.gz ads-trackers
hagezi/tif-mini.domains.txt.gz malware"
school="$household
ut1/malware.txt.gz malware
ut1/phishing.txt.gz phishing
blocklistproject/phishing.domains.txt.gz phishing
blocklistproject/ads.adblock.txt.gz ads-trackers
adguard/adguard-dns-filter.adblock.txt.gz ads-trackers
ut1/redirector.txt.gz proxy-vpn
stevenblack/porn-only.hosts.txt.gz adult
sinfonietta/pornography.hosts.txt.gz adult
hagezi/gambling-mini.adblock.txt.gz gambling
ut1/games.txt games
blocklistproject/drugs.hosts.txt drugs"
case $set_name in household) chosen=$household ;; school) chosen=$school ;; *) echo "unknown set $set_name" >&2; exit 2 ;; esac
# LIST_COUNT=N keeps the first N lists of the set, to find where a heap stops being enough.
chosen=$(head -n "${LIST_COUNT:-100}" <<< "$chosen")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The upstream: answers every A question with 192.0.2.1 (TTL 1 day), so allowed names are cached
# as on a real box. Plain Python, independent of the gateway.
python3 -u - "$dir/upstream.port" > "$dir/upstream.log" 2>&1 <<'PY' &
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True:
    q, peer = s.recvfrom(4096)
    end = 12
    while q[end] != 0:
        end += q[end] + 1
    question = q[12:end + 5]
    answer = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 86400, 4) + bytes([192, 0, 2, 1])
    s.sendto(q[:2] + b"\x81\x80" + struct.pack(">HHHH", 1, 1, 0, 0) + question + answer, peer)
PY
upstream_pid=$!
for _ in $(seq 1 50); do [ -s "$dir/upstream.port" ] && break; sleep 0.1; done
{
  echo "dataDir: data"
  echo "dns:"
  echo "  listen: [\"127.0.0.1:$port\"]"
  echo "upstreams: [\"127.0.0.1:$(cat "$dir/upstream.port")\"]"
  echo "upstream:"
  echo "  timeout: PT0.2S"
  echo "  deadline: PT0.4S"
  echo "lists:"
  i=0
  while read -r file category; do
    i=$((i + 1))
    echo "  - name: list-$i"
    echo "    category: $category"
    echo "    source: $lists/$file"
  done <<< "$chosen"
  echo "profiles:"
  echo "  kids:"
  echo "    preset: child"
  echo "    block: [adult, gambling, ads-trackers, malware, phishing, proxy-vpn, games, drugs]"
  echo "defaultProfile: kids"
} > "$dir/hearth.yml"

opts=$(sed -n 's/^JAVA_OPTS="\(.*\)"$/\1/p' "$root/pi-image/src/deb/files/etc/default/hearth")
cp_file=$here/target/bench-classpath.txt
if [ ! -s "$cp_file" ]; then
  (cd "$root" && mvn -B -o -q -pl gateway -am -DskipTests compile dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file")
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags, as in /usr/bin/hearth
java $opts "$@" -Xlog:gc:file="$dir/gc.log" -cp "$here/target/classes:$(cat "$cp_file")" \
    org.hearth.gateway.cli.HearthCommand serve --config "$dir/hearth.yml" > "$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid $upstream_pid 2>/dev/null || true' EXIT
start=$(date +%s%N)

# Wait (at most 5 minutes) for the daemon to put the compiled index in force.
for _ in $(seq 1 300); do
  if grep -q "index rebuilt" "$dir/serve.log"; then break; fi
  if ! kill -0 $pid 2>/dev/null; then break; fi
  sleep 1
done
built_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# Real traffic: 2000 lookups (blocked names from the first list, and popular names no list has).
# awk reads to the end, so no early close trips pipefail.
zcat "$lists/${chosen%% *}" | awk '!/^#/ && NF && n < 1000 { print $1 " A"; n++ }' > "$dir/names.txt"
zcat "$lists/popular-domains.txt.gz" | awk 'NR > 50000 && NR <= 51000 { print $1 " A" }' >> "$dir/names.txt"
if kill -0 $pid 2>/dev/null; then
  dig @127.0.0.1 -p "$port" +tries=1 +time=2 +noall +comments +answer -f "$dir/names.txt" > "$dir/dig.out" 2>&1 || true
fi
sleep 2

alive=no; rss=-
if kill -0 $pid 2>/dev/null; then alive=yes; rss=$(ps -o rss= -p $pid | tr -d ' '); fi
echo "set:            $set_name ($(grep -o 'rebuilt with [0-9]* names' "$dir/serve.log" || echo 'no index built'))"
echo "flags:          $opts $*"
echo "alive:          $alive $(grep -m1 -o 'OutOfMemoryError.*' "$dir/serve.log" || true)"
echo "index in force: ${built_ms} ms after start"
echo "answers:        $(grep -c 'status: NOERROR' "$dir/dig.out" || true) NOERROR, $(grep -c 'status: SERVFAIL' "$dir/dig.out" || true) SERVFAIL of $(wc -l < "$dir/names.txt"); answered 0.0.0.0 (blocked): $(grep -cE '[[:space:]]A[[:space:]]+0\.0\.0\.0$' "$dir/dig.out" || true) (the first list's 1000 names, and popular ones other lists hold)"
echo "RSS:            ${rss} KiB"
echo "GC:             $(grep -c 'Pause' "$dir/gc.log") pauses; fullest heap after a GC: $(grep -o -- '->[0-9]*M' "$dir/gc.log" | tr -d '>M-' | sort -n | tail -1) MiB"
