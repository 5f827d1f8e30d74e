#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target in turn (JAZZER_FUZZ=1), each for the maxDuration its
# annotation names (FuzzBudget.DEFAULT / ListReaderFuzzTest.BUDGET, 30 s), and prints executions
# and crashes per target. Without JAZZER_FUZZ the same tests only replay their committed seeds
# (src/test/resources/.../<Test>Inputs/), as every `mvn verify` does.
#
# Usage: fuzz/run-campaign.sh [target ...]     (default: all; a target is module:Class#method)
# A crash is written by Jazzer into the target's Inputs directory as crash-<sha1>: it then replays in
# every build until fixed. Turn it into a named regression test with the minimal fix (fuzz/README.md).
set -uo pipefail
cd "$(dirname "$0")/.."

TARGETS=(
  "gateway:QueryPacketFuzzTest#anyPacketGetsSilenceOrAWellFormedReply"
  "gateway:WireLayoutFuzzTest#walkRefusesOrStaysInsideTheMessage"
  "gateway:ReplyWireFuzzTest#walkRefusesOrEverythingItSaysHolds"
  "gateway:ConfigLoaderFuzzTest#anyTextLoadsOrNamesItsProblems"
  "blocklists:ListReaderFuzzTest#anyBytesGiveWellFormedRulesOrAnIoError"
)
[ $# -gt 0 ] && TARGETS=("$@")

logdir=$(mktemp -d /tmp/hearth-fuzz.XXXXXX)
printf '%-62s %12s %8s %8s\n' target executions exec/s crashes
for t in "${TARGETS[@]}"; do
  module=${t%%:*}; test=${t#*:}
  log="$logdir/${test%%#*}.log"
  # -am builds what the module needs; the other module's tests are filtered out by -Dtest.
  JAZZER_FUZZ=1 mvn -B -o -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      >"$log" 2>&1
  rc=$?
  # libFuzzer ends with "Done N runs in S second(s)"; a finding ends the run early with a crash-* file
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | awk '{print $2}')
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | awk '{print $5}')
  if [ -z "$runs" ]; then
    runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#'); secs=""
  fi
  crashes=$(grep -c 'FuzzTestFindingException\|== Java Exception' "$log")
  rate="-"; [ -n "${secs:-}" ] && [ "${secs:-0}" -gt 0 ] && rate=$(( ${runs:-0} / secs ))
  printf '%-62s %12s %8s %8s%s\n' "$test" "${runs:-?}" "$rate" "$crashes" "$([ $rc -ne 0 ] && echo "  (mvn exit $rc, see $log)")"
done
echo "logs: $logdir"
