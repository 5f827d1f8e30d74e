#!/bin/bash
# Plugs the real gateway (gateway/target/hearth.jar) into the shared DNS benchmark harness
# (/work/shared/bench/run.sh --target-cmd 'bash <repo>/bench/hearth-target.sh' --target-name hearth).
#
# From the harness's BENCH_* environment it writes a hearth.yml that makes Hearth behave like the
# peers: one list ($BENCH_DOMAINS, category ads-trackers), a default profile blocking only that
# category with bypass protection and SafeSearch off (so only the list decides), NXDOMAIN for a
# block (as Unbound and BIND answer), one upstream ($BENCH_UPSTREAM), loopback exempt from the
# rate limit (the harness's client is on loopback; this is also the default, kept explicit here),
# no device memory file. Then it execs `java $HEARTH_JAVA_OPTS -jar hearth.jar serve`, so the
# process the harness watches (and reads RSS from) is the JVM itself.
#
# Start-up, HEARTH_START (the harness times exec -> first answer and exec -> "all blocked"):
#   cold (default): a fresh data folder in $BENCH_WORKDIR. The daemon answers at once with no
#     index and compiles the list in the background: "first answer" is the JVM's start-up,
#     "all blocked" includes the compile. This is a first boot, or a box whose lists changed.
#   warm: the data folder (and this hearth.yml) live in $HEARTH_BENCH_STATE/<hash of the config>,
#     kept between runs, so the daemon maps an index compiled earlier (ListsRuntime reuses a
#     compiled index newer than its sources and config). This is a box that restarts. Run once with
#     HEARTH_PREPARE_ONLY=1 (same BENCH_* values) to compile outside the timed window; otherwise
#     the first warm run compiles here, before exec, and that compile is timed.
# HEARTH_EXTRA_YAML: lines appended to the written hearth.yml (e.g. a log section), for variants.
# HEARTH_JAVA_OPTS: JVM flags (e.g. the Pi's, from pi-image/src/deb/files/etc/default/hearth).
#   Unset or empty: the JVM's defaults. HEARTH_LEAN=1 instead runs the memory-lean set below (SerialGC,
#   a heap from 16 to 128 MiB, capped metaspace, code cache and direct memory): 25 MiB less resident
#   after load and about 100 MiB less at peak, but 30 to 70 % more CPU per cached answer in the same runs
#   (bench/README.md, "Start-up and memory"), so it is not the default here; the Pi package's
#   flags are the memory-first choice.
# MALLOC_ARENA_MAX: 2 unless set (set but empty: glibc's default, 8 arenas a core); 5 to 10 MiB less.
# HEARTH_CDS: 1 (default) uses gateway/target/hearth.jsa, the class-data-sharing archive that
#   `mvn package` trains beside the jar, when it is there; 0 starts without it.
# HEARTH_NATIVE: 1 (default) loads Netty's and SQLite's native libraries from gateway/target/native,
#   copied out of the jar once (as the package's postinst does into /var/cache/hearth/native);
#   0 lets them copy themselves into /tmp at every start, as a bare `java -jar` does.
set -euo pipefail
: "${BENCH_PORT:?run from the harness (BENCH_PORT)}" "${BENCH_UPSTREAM:?}" "${BENCH_DOMAINS:?}" "${BENCH_WORKDIR:?}"
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/gateway/target/hearth.jar
[ -s "$jar" ] || { echo "hearth-target: $jar missing: mvn -B -pl gateway -am -DskipTests package" >&2; exit 2; }
domains=$(readlink -f "$BENCH_DOMAINS")

config() { # $1: dataDir
  cat <<EOF
dataDir: "$1"
dns:
  listen: ["127.0.0.1:$BENCH_PORT"]
  rateLimitExempt: ["127.0.0.0/8", "::1/128"]
upstreams: ["$BENCH_UPSTREAM"]
lists:
  - name: bench
    category: ads-trackers
    source: "$domains"
profiles:
  bench:
    block: [ads-trackers]
    bypassProtection: false
    safeSearch: false
defaultProfile: bench
blocking:
  mode: nxdomain
identity:
  seenFile: ""
${HEARTH_EXTRA_YAML:-}
EOF
}

LEAN="-XX:+UseSerialGC -Xms16m -Xmx128m -Xss512k -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m\
 -XX:MaxDirectMemorySize=32m -XX:+ExitOnOutOfMemoryError"
if [ "${HEARTH_LEAN:-0}" = 1 ]; then HEARTH_JAVA_OPTS="$LEAN ${HEARTH_JAVA_OPTS:-}"; fi
# Set but empty: glibc's own default (8 arenas a core).
if [ -z "${MALLOC_ARENA_MAX-2}" ]; then unset MALLOC_ARENA_MAX; else export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-2}; fi

case ${HEARTH_START:-cold} in
  cold)
    dir=$BENCH_WORKDIR
    rm -rf "$dir/data"
    config "$dir/data" > "$dir/hearth.yml"
    ;;
  warm)
    state=${HEARTH_BENCH_STATE:-$root/gateway/target/bench-state}
    key=$( { config X; stat -c '%s %Y' "$domains"; } | sha256sum | cut -c1-16)
    dir=$state/$key
    mkdir -p "$dir"
    # Written once: the index counts as fresh only while it is newer than the config file.
    [ -s "$dir/hearth.yml" ] || config "$dir/data" > "$dir/hearth.yml"
    # Fresh index: the daemon logs "lists: reusing". Otherwise compile it now (timed if in a run).
    if [ ! -s "$dir/compiled" ] || [ "$dir/compiled" -ot "$domains" ]; then
      echo "hearth-target: compiling the index into $dir/data" >&2
      # shellcheck disable=SC2086 # a list of flags
      java ${HEARTH_JAVA_OPTS:-} -jar "$jar" lists compile --offline --config "$dir/hearth.yml" >&2
      date -u +%FT%TZ > "$dir/compiled"
    fi
    ;;
  *) echo "hearth-target: HEARTH_START is cold or warm" >&2; exit 2 ;;
esac
# Copied once per jar, before the timed start when HEARTH_PREPARE_ONLY is used.
native=""
if [ "${HEARTH_NATIVE:-1}" = 1 ]; then
  lib=$root/gateway/target/native
  if [ ! -s "$lib/libsqlitejdbc.so" ] || [ "$lib/libsqlitejdbc.so" -ot "$jar" ]; then
    rm -rf "$lib"
    java -cp "$jar" org.hearth.gateway.cli.NativeLibraries "$lib" >/dev/null
  fi
  native="-Djava.library.path=$lib -Dorg.sqlite.lib.path=$lib -Dorg.sqlite.lib.name=libsqlitejdbc.so"
fi
[ -z "${HEARTH_PREPARE_ONLY:-}" ] || exit 0
cd "$dir"
cds=""
if [ "${HEARTH_CDS:-1}" = 1 ] && [ -s "$root/gateway/target/hearth.jsa" ]; then
  cds=-XX:SharedArchiveFile=$root/gateway/target/hearth.jsa
fi
# shellcheck disable=SC2086 # lists of flags
exec java $cds $native ${HEARTH_JAVA_OPTS:-} -jar "$jar" serve --config "$dir/hearth.yml"
