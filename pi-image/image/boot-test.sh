#!/usr/bin/env bash
# Boots the root file system made by build-image.sh under qemu-system-aarch64 (the "virt" machine,
# with Debian's arm64 kernel and initrd from the image), waits for systemd to start Hearth, and
# asks it DNS questions through a loopback port forwarded to the guest's port 53. Slow (several
# minutes of emulated boot): not part of CI; see pi-image/README.md.
#
# Questions go over TCP: the guest is isolated with slirp's restrict=on, and restricted slirp
# drops every UDP datagram the guest sends, replies to a forwarded UDP port included (TCP
# forwarding is exempt). The UDP port is forwarded all the same; UDP itself is covered by the
# gateway's own tests on loopback. Lifting restrict=on would let the guest reach the internet.
#
#   pi-image/image/boot-test.sh [--out DIR] [--timeout SECONDS] [--keep] [--jar FILE]
#
# --jar puts another hearth.jar (e.g. gateway/target/hearth.jar just built) into the copy of the
# root file system, so a change to the gateway is boot-tested without building a new image.
#
# The guest is isolated (slirp restrict=on): it reaches neither the host nor any other network;
# only the forwarded port reaches it. So the test gives the guest its own config (written into a
# copy of the root file system with debugfs, no mount): a local blocklist, no upstream needed.
# Passes when:
#   - systemd started Hearth and it answers over the forwarded port,
#   - "blocked.hearth-test.example" (on the test list, category adult) gets 0.0.0.0 (zero-ip),
#   - "hearth.lan" gets the guest's own address (10.0.2.15 under slirp),
#   - the first-boot script ran (host name set, admin address on the console).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/../target/image"
timeout=1500
keep=no
jar=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --keep) keep=yes; shift ;;
        --jar) jar=$2; shift 2 ;;
        *) sed -n '2,16p' "$0" >&2; exit 2 ;;
    esac
done

die() { echo "boot-test: $*" >&2; exit 1; }
step() { echo "boot-test: [$(date -u +%H:%M:%S)] $*"; }
for tool in qemu-system-aarch64 debugfs dig ss; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install qemu-system-arm e2fsprogs bind9-dnsutils iproute2)"
done
for f in root.ext4 vmlinuz initrd.img; do
    [ -f "$out/$f" ] || die "no $out/$f: run build-image.sh first"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hearth-boot.XXXXXX")
qemu_pid=""
cleanup() {
    if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
        kill "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
    if [ "$keep" = yes ]; then echo "boot-test: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# A free loopback port, for UDP and TCP both.
port=""
for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! ss -Hlun "sport = :$p" | grep -q . && ! ss -Hltn "sport = :$p" | grep -q .; then port=$p; break; fi
done
[ -n "$port" ] || die "no free port found"

step "preparing a copy of the root file system"
cp --sparse=always "$out/root.ext4" "$work/root.ext4"
cat > "$work/hearth.yml" <<'YML'
# Boot test config: no upstream is reachable from the isolated guest, so every answer checked
# here is one Hearth makes itself.
dataDir: /var/lib/hearth
dns:
  listen: ["[::]:53"]
upstreams: ["127.0.0.1:5300"]
lists:
  - name: boot-test
    category: adult
    source: boot-test-list.txt
profiles:
  child:
    preset: child
    block: [adult]
defaultProfile: child
blocking:
  mode: zero-ip
YML
printf 'blocked.hearth-test.example\n' > "$work/boot-test-list.txt"
chmod 0644 "$work/hearth.yml" "$work/boot-test-list.txt"
debugfs -w -f - "$work/root.ext4" >/dev/null 2>"$work/debugfs.log" <<CMDS
cd /etc/hearth
rm hearth.yml
write $work/hearth.yml hearth.yml
write $work/boot-test-list.txt boot-test-list.txt
CMDS
if [ -n "$jar" ]; then
    [ -f "$jar" ] || die "--jar $jar: no such file"
    debugfs -w -f - "$work/root.ext4" >/dev/null 2>>"$work/debugfs.log" <<CMDS
cd /usr/share/hearth
rm hearth.jar
write $jar hearth.jar
CMDS
fi
if grep -qiE 'error|not found|could not' "$work/debugfs.log"; then cat "$work/debugfs.log" >&2; die "debugfs could not write the test config"; fi

step "booting (console log: $work/console.log; DNS on 127.0.0.1:$port)"
# Emulated: a Cortex-A72, the Pi 4's core (and cheaper to emulate than "max", whose pointer
# authentication slows TCG down). On an arm64 host with KVM: the host's own CPU.
accel=tcg cpu=cortex-a72
if [ "$(uname -m)" = aarch64 ] && [ -w /dev/kvm ]; then accel=kvm cpu=host; fi
qemu-system-aarch64 -machine virt -accel "$accel" -cpu "$cpu" -smp 2 -m 1024 \
    -kernel "$out/vmlinuz" -initrd "$out/initrd.img" \
    -append "root=LABEL=RASPIROOT rw console=ttyAMA0 panic=-1 systemd.journald.forward_to_console=1" -no-reboot \
    -drive "if=none,file=$work/root.ext4,format=raw,id=root" -device virtio-blk-pci,drive=root \
    -netdev "user,id=lan,restrict=on,hostfwd=udp:127.0.0.1:$port-:53,hostfwd=tcp:127.0.0.1:$port-:53" \
    -device virtio-net-pci,netdev=lan,romfile= \
    -display none -serial "file:$work/console.log" -monitor none &
qemu_pid=$!
start=$(date +%s)

ask() { # NAME: the answer's addresses over TCP, one a line, or nothing
    dig +tcp +time=5 +tries=1 +short -p "$port" @127.0.0.1 "$1" A 2>/dev/null | grep -E '^[0-9.]+$' || true
}
# Any DNS response at all (even SERVFAIL) means systemd started Hearth and the port is forwarded.
status=""
while [ $(($(date +%s) - start)) -lt "$timeout" ]; do
    kill -0 "$qemu_pid" 2>/dev/null || { tail -40 "$work/console.log" >&2; die "qemu stopped before Hearth answered"; }
    status=$(dig +tcp +time=5 +tries=1 -p "$port" @127.0.0.1 hearth.lan A 2>/dev/null | sed -n 's/.*status: \([A-Z]*\).*/\1/p' || true)
    [ -n "$status" ] && break
    sleep 5
done
elapsed=$(($(date +%s) - start))
if [ -z "$status" ]; then
    tail -60 "$work/console.log" >&2
    die "no DNS response from the guest within ${timeout}s"
fi
step "Hearth answered (status $status) ${elapsed}s after qemu started"

failures=0
check() { # LABEL EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then echo "PASS $1: $3"; else echo "FAIL $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi
}
echo "PASS systemd started Hearth; it answered (status $status) over the forwarded port"
check "hearth.lan" 10.0.2.15 "$(ask hearth.lan | head -1)"
check "blocked name" 0.0.0.0 "$(ask blocked.hearth-test.example | head -1)"
if grep -q 'Hearth: host name hearth' "$work/console.log"; then echo "PASS first boot printed the admin address"
else echo "FAIL first boot printed no admin address"; failures=$((failures + 1)); fi
grep -a 'hearth\[' "$work/console.log" | cut -c1-200 | head -20
echo "boot-test: $((4 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
