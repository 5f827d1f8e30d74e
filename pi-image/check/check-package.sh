#!/usr/bin/env bash
# pass and fail always succeed, so "test && pass || fail" is a safe if-then-else here.
# shellcheck disable=SC2015
# The fast checks of the Hearth .deb, run by Maven in the verify phase (and by hand:
# `bash pi-image/check/check-package.sh pi-image/target/hearth_0.1.0_all.deb`).
#
# Each check prints PASS or FAIL with the reason; any FAIL fails the build. The tools it uses are
# Debian's: dpkg-deb, systemd-analyze, nft, dnsmasq, java (the build's JDK); shellcheck and
# lintian are used when installed. Checks that must reject bad input are also shown a broken
# copy, so a tool that accepts everything (say, nft without the rights to check) cannot pass them.
set -uo pipefail

deb=${1:?usage: check-package.sh HEARTH_DEB}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hearth-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; shift; [ $# -gt 0 ] && printf '     %s\n' "$@"; failed=$((failed + 1)); }
need() { command -v "$1" >/dev/null 2>&1 || { echo "check-package: $1 is not installed (Debian package: $2)" >&2; exit 1; }; }

need dpkg-deb dpkg
need systemd-analyze systemd
need nft nftables
need dnsmasq dnsmasq-base
need java openjdk-17-jdk-headless

[ -f "$deb" ] || { echo "check-package: no package at $deb (run mvn package first)" >&2; exit 1; }

# --- metadata -------------------------------------------------------------------------------
info=$(dpkg-deb -I "$deb") || { fail "dpkg-deb -I reads the package" "$info"; info=""; }
field() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
[ "$(field Package)" = hearth ] && pass "Package: hearth" || fail "Package: hearth" "got: $(field Package)"
[ "$(field Architecture)" = all ] && pass "Architecture: all" || fail "Architecture: all" "got: $(field Architecture)"
name=$(basename "$deb")
[ "$name" = "hearth_$(field Version)_all.deb" ] && pass "file name matches Version ($name)" \
    || fail "file name hearth_<version>_all.deb" "file $name, Version $(field Version)"
depends=$(field Depends)
case "$depends" in
    *"openjdk-17-jre-headless | java17-runtime-headless"*) pass "Depends on a Java 17 runtime" ;;
    *) fail "Depends on a Java 17 runtime" "Depends: $depends" ;;
esac
case "$depends" in
    *adduser*) pass "Depends on adduser (postinst creates the user)" ;;
    *) fail "Depends on adduser (postinst creates the user)" "Depends: $depends" ;;
esac

# --- contents -------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
expect() { # MODE PATH: a file or folder in the package, with its permission string
    if echo "$contents" | awk -v m="$1" -v p="./$2" '$1 == m && $6 == p { found = 1 } END { exit !found }'; then
        pass "contains $1 /$2"
    else
        fail "contains $1 /$2" "$(echo "$contents" | awk -v p="./$2" '$6 == p' | head -1)"
    fi
}
expect -rw-r--r-- usr/share/hearth/hearth.jar
expect -rwxr-xr-x usr/bin/hearth
expect -rw-r--r-- lib/systemd/system/hearth.service
expect -rw-r--r-- lib/systemd/system/hearth-firstboot.service
expect -rw-r--r-- lib/systemd/system/hearth-dhcp.service
expect -rw-r--r-- lib/systemd/system/hearth-firewall.service
expect -rw-r--r-- etc/hearth/hearth.yml
expect -rw-r--r-- etc/default/hearth
expect -rw-r--r-- etc/sysctl.d/60-hearth.conf
expect -rw-r--r-- usr/share/hearth/box/hearth.nft
expect -rw-r--r-- usr/share/hearth/box/dnsmasq.conf.in
expect -rwxr-xr-x usr/sbin/hearth-box-setup
expect -rwxr-xr-x usr/sbin/hearth-firstboot
expect drwxr-xr-x var/lib/hearth/
expect -rw-r--r-- usr/share/doc/hearth/copyright
owners=$(echo "$contents" | awk '$2 != "root/root" { print $2, $6 }')
[ -z "$owners" ] && pass "every file is root/root in the archive" || fail "every file is root/root in the archive" "$owners"

mkdir -p "$work/root" "$work/control"
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"
root=$work/root

conffiles=$(cat "$work/control/conffiles" 2>/dev/null)
for f in /etc/hearth/hearth.yml /etc/default/hearth; do
    if echo "$conffiles" | grep -qx "$f"; then pass "conffile $f"; else fail "conffile $f" "conffiles: $conffiles"; fi
done

# --- maintainer scripts and shell programs --------------------------------------------------
scripts=("$work/control/postinst" "$work/control/prerm" "$work/control/postrm"
    "$root/usr/bin/hearth" "$root/usr/sbin/hearth-box-setup" "$root/usr/sbin/hearth-firstboot")
for s in "${scripts[@]}"; do
    label=${s#"$work/"}
    [ -x "$s" ] || { fail "$label is executable"; continue; }
    if out=$(sh -n "$s" 2>&1); then pass "sh -n $label"; else fail "sh -n $label" "$out"; fi
done
if command -v shellcheck >/dev/null 2>&1; then
    if out=$(shellcheck -s sh "${scripts[@]}" 2>&1); then pass "shellcheck (maintainer scripts, launcher, box scripts)"
    else fail "shellcheck (maintainer scripts, launcher, box scripts)" "$out"; fi
    if out=$(shellcheck "$here/check-package.sh" "$here/../src/box/gen-firewall.sh" "$here/../image/build-image.sh" \
        "$here/../image/boot-test.sh" 2>&1); then
        pass "shellcheck (build, check and image scripts)"
    else fail "shellcheck (build, check and image scripts)" "$out"; fi
else
    echo "SKIP shellcheck: not installed (Debian package: shellcheck)"
fi
grep -q 'adduser --system' "$work/control/postinst" && grep -q 'hearth' "$work/control/postinst" \
    && pass "postinst creates the system user hearth" || fail "postinst creates the system user hearth"

# --- the unit -------------------------------------------------------------------------------
unit=$root/lib/systemd/system/hearth.service
want() { # KEY=VALUE line the unit must have
    if grep -qxF "$1" "$unit"; then pass "hearth.service: $1"; else fail "hearth.service: $1" "$(grep "^${1%%=*}=" "$unit")"; fi
}
want "User=hearth"
want "AmbientCapabilities=CAP_NET_BIND_SERVICE"
want "CapabilityBoundingSet=CAP_NET_BIND_SERVICE"
want "ProtectSystem=strict"
want "ProtectHome=yes"
want "PrivateTmp=yes"
want "NoNewPrivileges=yes"
want "ReadWritePaths=/var/lib/hearth /etc/hearth"
want "Restart=on-failure"
want "ExecStart=/usr/bin/hearth serve --config /etc/hearth/hearth.yml"

# systemd-analyze verify wants every ExecStart program to exist, so it checks copies of the units
# whose Hearth programs point into the unpacked package; nft and dnsmasq are the build host's.
# It exits 0 on lines it ignores ("Unknown key", a bad value), so any output is a failure too.
mkdir -p "$work/units"
for u in "$root"/lib/systemd/system/*.service; do
    sed -e "s#=\(-\{0,1\}\)/usr/bin/hearth#=\1$root/usr/bin/hearth#" \
        -e "s#=\(-\{0,1\}\)/usr/sbin/hearth-#=\1$root/usr/sbin/hearth-#" "$u" > "$work/units/$(basename "$u")"
done
verify() { out=$(cd "$work/units" && systemd-analyze verify "$@" 2>&1); rc=$?; [ $rc -eq 0 ] && [ -z "$out" ]; }
if verify "$work/units/"*.service; then pass "systemd-analyze verify accepts the units"
else fail "systemd-analyze verify accepts the units" "$out"; fi
sed 's/^ProtectSystem=strict$/ProtectSystem=very/' "$work/units/hearth.service" > "$work/units/broken.service"
if verify "$work/units/broken.service"; then fail "systemd-analyze verify rejects a broken unit (self-test)"
else pass "systemd-analyze verify rejects a broken unit (self-test)"; fi
rm -f "$work/units/broken.service"

# --- JVM flags and launcher -----------------------------------------------------------------
JAVA_OPTS=""
# shellcheck source=/dev/null
. "$root/etc/default/hearth"
# shellcheck disable=SC2086 # a list of flags
if out=$(java $JAVA_OPTS -version 2>&1); then pass "this JVM accepts JAVA_OPTS of /etc/default/hearth"
else fail "this JVM accepts JAVA_OPTS of /etc/default/hearth" "$out"; fi
jar=$root/usr/share/hearth/hearth.jar
manifest=$(cd "$work" && jar xf "$jar" META-INF/MANIFEST.MF && cat META-INF/MANIFEST.MF)
main=$(echo "$manifest" | tr -d '\r' | sed -n 's/^Main-Class: //p')
[ "$main" = org.hearth.gateway.cli.HearthCommand ] && pass "jar Main-Class is $main" \
    || fail "jar Main-Class is org.hearth.gateway.cli.HearthCommand" "got: $main"
if jar tf "$jar" | grep -qx 'org/hearth/gateway/cli/HearthCommand.class'; then
    # Through the installed launcher, as the unit starts it (the launcher reads /etc/default/hearth
    # of the build host if any; JAVA_OPTS above were checked from the package).
    if out=$(sed "s#/usr/share/hearth/hearth.jar#$jar#" "$root/usr/bin/hearth" | sh -s -- --help 2>&1); then
        pass "hearth --help runs through the launcher"
    else fail "hearth --help runs through the launcher" "$out"; fi
else
    echo "SKIP hearth --help: the jar has no org.hearth.gateway.cli.HearthCommand yet (gateway CLI not in this build)"
fi

# --- class-data-sharing archive: postinst's training run, then the launcher maps it ----------
grep -q 'ArchiveClassesAtExit=.*StartupTraining\|StartupTraining' "$work/control/postinst" \
    && grep -qx 'interest-noawait /usr/lib/jvm' "$work/control/triggers" 2>/dev/null \
    && pass "postinst makes the CDS archive, again when a JDK changes (trigger)" \
    || fail "postinst makes the CDS archive, again when a JDK changes (trigger)"
jsa=$work/hearth.jsa
# shellcheck disable=SC2086 # a list of flags
if out=$(timeout 300 java $JAVA_OPTS "-XX:ArchiveClassesAtExit=$jsa" -Xlog:cds=error -Xlog:cds+dynamic=error \
        -Dhearth.log.level=ERROR -cp "$jar" org.hearth.gateway.cli.StartupTraining 2>&1) && [ -s "$jsa" ]; then
    pass "the training run (as postinst runs it) writes a CDS archive"
    # shellcheck disable=SC2016 # the line is for the launcher to expand
    { sed 's/^HEARTH_CDS_ARCHIVE=.*//' "$root/etc/default/hearth"; echo "HEARTH_CDS_ARCHIVE=$jsa"
      echo 'JAVA_OPTS="$JAVA_OPTS -Xlog:class+load:stdout"'; } > "$work/default-hearth"
    top=$(sed -e "s#/usr/share/hearth/hearth.jar#$jar#" -e "s#/etc/default/hearth#$work/default-hearth#" \
        "$root/usr/bin/hearth" | sh -s -- --version 2>&1 | grep -c 'shared objects file (top)')
    # --version alone loads about 1600 classes, some 470 of them Hearth's and its libraries'.
    [ "$top" -gt 300 ] && pass "the launcher starts with the archive ($top classes mapped from it)" \
        || fail "the launcher starts with the archive" "$top classes from it"
else fail "the training run (as postinst runs it) writes a CDS archive" "$out"; fi

# --- native libraries: postinst copies them out of the jar once, the launcher points the JVM there --
native=$work/native
grep -q 'org.hearth.gateway.cli.NativeLibraries' "$work/control/postinst" \
    && grep -q '^HEARTH_NATIVE_DIR=/var/cache/hearth/native$' "$root/etc/default/hearth" \
    && pass "postinst copies the native libraries into HEARTH_NATIVE_DIR" \
    || fail "postinst copies the native libraries into HEARTH_NATIVE_DIR"
if out=$(java -cp "$jar" org.hearth.gateway.cli.NativeLibraries "$native" 2>&1) \
        && [ -s "$native/libsqlitejdbc.so" ] && ls "$native"/libnetty_transport_native_epoll_*.so >/dev/null 2>&1; then
    pass "the copy (as postinst runs it) writes Netty's and SQLite's libraries for this machine"
    # The launcher, with a java that prints what it was given.
    mkdir -p "$work/fakejdk/bin"
    printf '#!/bin/sh\necho "$@"\n' > "$work/fakejdk/bin/java"
    chmod +x "$work/fakejdk/bin/java"
    { sed 's/^HEARTH_NATIVE_DIR=.*//' "$root/etc/default/hearth"; echo "HEARTH_NATIVE_DIR=$native"; } \
        > "$work/default-native"
    args=$(sed -e "s#/etc/default/hearth#$work/default-native#" "$root/usr/bin/hearth" \
        | JAVA_HOME=$work/fakejdk sh -s -- --version 2>&1)
    case "$args" in
        *"-Djava.library.path=$native -Dorg.sqlite.lib.path=$native -Dorg.sqlite.lib.name=libsqlitejdbc.so"*)
            pass "the launcher hands the JVM the native folder" ;;
        *) fail "the launcher hands the JVM the native folder" "$args" ;;
    esac
    # A real run that serves and writes its log loads both from the folder, not from /tmp.
    loaded=$(timeout 300 java -Xlog:library=info -Dhearth.log.level=ERROR "-Djava.library.path=$native" \
        "-Dorg.sqlite.lib.path=$native" -Dorg.sqlite.lib.name=libsqlitejdbc.so \
        -cp "$jar" org.hearth.gateway.cli.StartupTraining 2>&1 | grep -c "Loaded library $native/")
    [ "$loaded" -ge 2 ] && pass "a serving run loads both libraries from the folder ($loaded)" \
        || fail "a serving run loads both libraries from the folder" "$loaded loaded from $native"
else fail "the copy (as postinst runs it) writes Netty's and SQLite's libraries for this machine" "$out"; fi

# --- the packaged config --------------------------------------------------------------------
if out=$(java -cp "$jar" "$here/CheckConfig.java" "$root/etc/hearth/hearth.yml" 2>&1); then pass "hearth.yml loads with the gateway's ConfigLoader ($out)"
else fail "hearth.yml loads with the gateway's ConfigLoader" "$out"; fi
printf 'dataDir: /var/lib/hearth\nnoSuchKey: 1\n' > "$work/bad.yml"
if java -cp "$jar" "$here/CheckConfig.java" "$work/bad.yml" >/dev/null 2>&1; then fail "ConfigLoader rejects an unknown key (self-test)"
else pass "ConfigLoader rejects an unknown key (self-test)"; fi

# --- firewall rules -------------------------------------------------------------------------
rules=$root/usr/share/hearth/box/hearth.nft
if out=$(nft -c -f "$rules" 2>&1); then pass "nft -c accepts hearth.nft"; else fail "nft -c accepts hearth.nft" "$out"; fi
sed 's/redirect to :53/redirect to :99999/' "$rules" > "$work/broken.nft"
if nft -c -f "$work/broken.nft" >/dev/null 2>&1; then fail "nft -c rejects a broken rule set (self-test)"
else pass "nft -c rejects a broken rule set (self-test)"; fi
n4=$(sed -n '/set doh_ipv4/,/^\t}/p' "$rules" | grep -oE '\b([0-9]{1,3}\.){3}[0-9]{1,3}\b' | wc -l)
n6=$(sed -n '/set doh_ipv6/,/^\t}/p' "$rules" | grep -oE '\b[0-9a-f]{1,4}:[0-9a-f:]+\b' | wc -l)
# The dibdot lists hold about 2000 and 1300 addresses; far fewer means the generator lost them.
[ "$n4" -ge 1000 ] && [ "$n6" -ge 500 ] && pass "DoH sets hold $n4 IPv4 and $n6 IPv6 addresses" \
    || fail "DoH sets hold the dibdot lists" "$n4 IPv4, $n6 IPv6"
# With LAN interfaces as hearth-box-setup writes them (the include swapped for a scratch file).
mkdir -p "$work/fw/lib/systemd/system"
cp "$root"/lib/systemd/system/*.service "$work/fw/lib/systemd/system/"
if out=$(HEARTH_ROOT=$work/fw "$root/usr/sbin/hearth-box-setup" firewall on eth1 wlan0 2>&1) \
    && sed "s|/etc/hearth/firewall.d/\*.nft|$work/fw/etc/hearth/firewall.d/lan.nft|" "$rules" > "$work/lan.nft" \
    && out=$(nft -c -f "$work/lan.nft" 2>&1); then pass "nft -c accepts hearth.nft with LAN interfaces eth1 wlan0"
else fail "nft -c accepts hearth.nft with LAN interfaces eth1 wlan0" "$out"; fi
if HEARTH_ROOT=$work/fw-none "$root/usr/sbin/hearth-box-setup" firewall on >/dev/null 2>&1; then
    fail "hearth-box-setup firewall on refuses to start without a LAN interface"
else pass "hearth-box-setup firewall on refuses to start without a LAN interface"; fi
grep -qx 'net.core.rmem_max = 4194304' "$root/etc/sysctl.d/60-hearth.conf" && pass "sysctl: rmem_max 4 MiB" \
    || fail "sysctl: rmem_max 4 MiB"
for rule in 'iifname != @lan_ifaces return' 'iifname @lan_ifaces accept' 'udp dport 53 counter drop' \
    'tcp dport { 53, 8080 } counter drop' 'include "/etc/hearth/firewall.d/*.nft"' \
    'udp dport 53 counter redirect to :53' 'tcp dport 53 counter redirect to :53' \
    'tcp dport 853 counter reject' 'udp dport 853 counter reject' \
    'ip daddr @doh_ipv4 tcp dport 443 counter reject' 'ip6 daddr @doh_ipv6 tcp dport 443 counter reject'; do
    grep -qF "$rule" "$rules" && pass "hearth.nft: $rule" || fail "hearth.nft: $rule"
done

# --- DHCP config, rendered by the real hearth-box-setup into a scratch root -----------------
box=$work/box
mkdir -p "$box/etc/hearth" "$box/etc/sysctl.d" "$box/etc/systemd/system" "$box/usr/share/hearth" "$box/lib/systemd/system"
cp -r "$root/usr/share/hearth/box" "$box/usr/share/hearth/"
cp "$root"/lib/systemd/system/*.service "$box/lib/systemd/system/"
if out=$(HEARTH_ROOT=$box "$root/usr/sbin/hearth-box-setup" dhcp eth1 192.168.50.100 192.168.50.200 2>&1) \
    && [ -f "$box/etc/hearth/dnsmasq.conf" ]; then
    pass "hearth-box-setup dhcp writes /etc/hearth/dnsmasq.conf"
else fail "hearth-box-setup dhcp writes /etc/hearth/dnsmasq.conf" "$out"; fi
conf=$box/etc/hearth/dnsmasq.conf
if out=$(dnsmasq --test --conf-file="$conf" 2>&1); then pass "dnsmasq --test accepts the DHCP config"
else fail "dnsmasq --test accepts the DHCP config" "$out"; fi
for line in port=0 interface=eth1 dhcp-range=192.168.50.100,192.168.50.200,12h \
    dhcp-option=option:dns-server,0.0.0.0 dhcp-option=option:router,0.0.0.0 \
    dhcp-leasefile=/var/lib/misc/dnsmasq.leases; do
    grep -qxF "$line" "$conf" && pass "dnsmasq.conf: $line" || fail "dnsmasq.conf: $line"
done
[ -f "$box/etc/sysctl.d/60-hearth-router.conf" ] && pass "box as router: forwarding sysctl written" \
    || fail "box as router: forwarding sysctl written"
[ -L "$box/etc/systemd/system/multi-user.target.wants/hearth-dhcp.service" ] && pass "hearth-dhcp.service enabled" \
    || fail "hearth-dhcp.service enabled" "$(ls -R "$box/etc/systemd/system")"
echo 'dhcp-range=nonsense' >> "$work/bad-dnsmasq.conf"
if dnsmasq --test --conf-file="$work/bad-dnsmasq.conf" >/dev/null 2>&1; then fail "dnsmasq --test rejects a broken config (self-test)"
else pass "dnsmasq --test rejects a broken config (self-test)"; fi
if HEARTH_ROOT=$box "$root/usr/sbin/hearth-box-setup" dhcp eth1 192.168.50.100 not-an-address >/dev/null 2>&1; then
    fail "hearth-box-setup refuses a bad address"
else pass "hearth-box-setup refuses a bad address"; fi

# --- first boot, on a scratch root with a fake network interface --------------------------
fb=$work/firstboot
mkdir -p "$fb/etc/hearth" "$fb/sys/class/net/eth0"
echo 'dc:a6:32:12:ab:cd' > "$fb/sys/class/net/eth0/address"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tdebian\n' > "$fb/etc/hosts"
: > "$fb/etc/hearth/firstboot"
if out=$(HEARTH_ROOT=$fb "$root/usr/sbin/hearth-firstboot" 2>&1) && [ "$(cat "$fb/etc/hostname")" = hearth-abcd ] \
    && grep -qx "$(printf '127.0.1.1\thearth-abcd')" "$fb/etc/hosts" && grep -q 'http://\\4:8080/' "$fb/etc/issue.d/hearth.issue" \
    && [ ! -e "$fb/etc/hearth/firstboot" ]; then
    pass "hearth-firstboot names the box hearth-abcd, puts the admin URL on the login screen, runs once"
else
    fail "hearth-firstboot names the box, puts the admin URL on the login screen, runs once" "$out" \
        "$(cat "$fb/etc/hostname" "$fb/etc/hosts" "$fb/etc/issue.d/hearth.issue" 2>&1)"
fi

# --- lintian, for information: jdeb packages lack a changelog and the like ------------------
if command -v lintian >/dev/null 2>&1; then
    echo "lintian (information only):"
    lintian --tag-display-limit 0 "$deb" 2>&1 | sed 's/^/     /' || true
fi

echo "check-package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
