#!/usr/bin/env bash
# Builds the box's nftables rule set: the template hearth.nft.in with its @DOH_SETS@ line replaced
# by sets of well-known DoH resolver addresses made from the dibdot lists (doh-ipv4.txt,
# doh-ipv6.txt: one address a line, "# name" comments), so the addresses come from the lists at
# build time and are never hand-copied.
#
#   gen-firewall.sh LIST_DIR TEMPLATE OUT_FILE
#
# LIST_DIR may be "find:DIR": the first shared/data/blocklists/dibdot found in DIR or up to three
# folders above it (a worktree or a CI clone with shared/ beside it). HEARTH_DOH_LISTS, when set,
# wins over both.
#
# Addresses a router must never block for its own LAN (unspecified, loopback, private, link-local,
# unique-local, multicast) are dropped: a list entry like "::" or "10.0.0.1" is someone's own
# resolver, and rejecting it would only break a local service. Anything that is not an address
# fails the build with the file and line, rather than loading a rule set nft would reject on the box.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 LIST_DIR TEMPLATE OUT_FILE" >&2
    exit 2
fi
list_dir=$1
template=$2
if [ -n "${HEARTH_DOH_LISTS:-}" ]; then
    list_dir=$HEARTH_DOH_LISTS
elif [ "${list_dir#find:}" != "$list_dir" ]; then
    start=${list_dir#find:}
    list_dir=""
    for up in . .. ../.. ../../..; do
        if [ -d "$start/$up/shared/data/blocklists/dibdot" ]; then
            list_dir=$(cd "$start/$up/shared/data/blocklists/dibdot" && pwd)
            break
        fi
    done
    [ -n "$list_dir" ] || { echo "gen-firewall: no shared/data/blocklists/dibdot in or above $start; set HEARTH_DOH_LISTS" >&2; exit 1; }
fi
out=$3
grep -q '^[[:space:]]*@DOH_SETS@[[:space:]]*$' "$template" \
    || { echo "gen-firewall: $template has no @DOH_SETS@ line" >&2; exit 1; }
v4="$list_dir/doh-ipv4.txt"
v6="$list_dir/doh-ipv6.txt"
for f in "$v4" "$v6"; do
    [ -r "$f" ] || { echo "gen-firewall: cannot read $f (set HEARTH_DOH_LISTS to the dibdot folder)" >&2; exit 1; }
done

# Prints the addresses of one list, checked and de-duplicated; KIND is 4 or 6.
addresses() {
    awk -v kind="$1" -v file="$2" '
        function skip(a) {
            if (kind == 4) {
                return a ~ /^(0\.|10\.|127\.|169\.254\.|192\.168\.|22[4-9]\.|2[3-5][0-9]\.)/ \
                    || a ~ /^172\.(1[6-9]|2[0-9]|3[01])\./ || a ~ /^100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\./
            }
            a = tolower(a)
            return a == "::" || a == "::1" || a ~ /^f[cd]/ || a ~ /^fe[89ab]/ || a ~ /^ff/
        }
        { sub(/#.*/, "") }
        NF == 0 { next }
        NF > 1 { printf "%s:%d: more than one address: %s\n", file, NR, $0 > "/dev/stderr"; bad = 1; next }
        kind == 4 && $1 !~ /^[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?$/ { printf "%s:%d: not an IPv4 address: %s\n", file, NR, $1 > "/dev/stderr"; bad = 1; next }
        kind == 4 { n = split($1, o, "."); for (i = 1; i <= n; i++) if (o[i] + 0 > 255) { printf "%s:%d: not an IPv4 address: %s\n", file, NR, $1 > "/dev/stderr"; bad = 1; next } }
        kind == 6 && ($1 !~ /^[0-9A-Fa-f:]+$/ || $1 !~ /:/) { printf "%s:%d: not an IPv6 address: %s\n", file, NR, $1 > "/dev/stderr"; bad = 1; next }
        skip($1) { dropped++; next }
        !seen[tolower($1)]++ { print tolower($1) }
        END {
            if (dropped) printf "gen-firewall: %s: left out %d local or special addresses\n", file, dropped > "/dev/stderr"
            exit bad
        }' "$2"
}

# Writes "elements = { a, b, ... }" with a few addresses a line, or nothing for an empty list
# (nft rejects an empty element block).
elements() {
    awk 'BEGIN { n = 0 }
        { printf "%s%s", (n == 0 ? "\t\telements = {\n\t\t\t" : (n % 4 == 0 ? ",\n\t\t\t" : ", ")), $0; n++ }
        END { if (n) printf "\n\t\t}\n" }'
}

ipv4=$(addresses 4 "$v4")
ipv6=$(addresses 6 "$v6")
n4=$(printf '%s\n' "$ipv4" | grep -c .) || true
n6=$(printf '%s\n' "$ipv6" | grep -c .) || true
sets="$out.sets"
mkdir -p "$(dirname "$out")"
{
    printf '\t# Made by gen-firewall.sh from dibdot/DoH-IP-blocklists (GPL-3.0): %d IPv4 and %d IPv6\n' "$n4" "$n6"
    printf '\t# addresses of public DNS-over-HTTPS resolvers.\n'
    printf '\tset doh_ipv4 {\n\t\ttype ipv4_addr\n'
    printf '%s\n' "$ipv4" | grep . | elements || true
    printf '\t}\n'
    printf '\tset doh_ipv6 {\n\t\ttype ipv6_addr\n'
    printf '%s\n' "$ipv6" | grep . | elements || true
    printf '\t}\n'
} > "$sets"
# The sets replace the marker line; everything else of the template is copied as it is.
awk -v sets="$sets" '/^[[:space:]]*@DOH_SETS@[[:space:]]*$/ { while ((getline l < sets) > 0) print l; next } { print }' \
    "$template" > "$out.tmp"
rm -f "$sets"
mv "$out.tmp" "$out"
echo "gen-firewall: wrote $out ($n4 IPv4, $n6 IPv6 DoH addresses)"
