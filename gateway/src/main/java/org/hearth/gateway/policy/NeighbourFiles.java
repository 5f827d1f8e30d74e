package org.hearth.gateway.policy;

import java.net.InetAddress;
import org.hearth.gateway.config.IpLiteral;

/**
 * Parsers for the text the box's neighbour information comes in. Each skips lines it does not
 * understand (headers, incomplete entries): these files are written by the kernel and dnsmasq, and
 * one odd line must not cost the rest.
 */
public final class NeighbourFiles {

    private NeighbourFiles() {}

    /**
     * {@code /proc/net/arp}: "IP address HW type Flags HW address Mask Device". Flags 0x0 marks an
     * incomplete entry whose MAC is all zeros.
     */
    public static void readProcArp(String text, NeighbourTable.Builder into) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || "0x0".equals(f[2]) || !MacAddress.looksLikeMac(f[3])) {
                continue;
            }
            InetAddress a = address(f[0]);
            MacAddress mac = MacAddress.parse(f[3]);
            if (a != null && mac.value() != 0) {
                into.neighbour(a, mac);
            }
        }
    }

    /** {@code ip -6 neigh show}: "ADDR dev IF lladdr MAC [router] STATE"; FAILED/INCOMPLETE have no lladdr. */
    public static void readIpNeigh(String text, NeighbourTable.Builder into) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 1; i + 1 < f.length; i++) {
                if ("lladdr".equals(f[i]) && MacAddress.looksLikeMac(f[i + 1])) {
                    InetAddress a = address(f[0]);
                    if (a != null) {
                        into.neighbour(a, MacAddress.parse(f[i + 1]));
                    }
                    break;
                }
            }
        }
    }

    /**
     * A dnsmasq leases file: "EXPIRY MAC IP HOSTNAME CLIENT-ID" for IPv4; IPv6 leases carry an IAID
     * instead of a MAC (after a "duid" line) and only give a hostname for the address.
     */
    public static void readDnsmasqLeases(String text, NeighbourTable.Builder into) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || "duid".equals(f[0])) {
                continue;
            }
            InetAddress a = address(f[2]);
            if (a == null) {
                continue;
            }
            MacAddress mac = MacAddress.looksLikeMac(f[1]) ? MacAddress.parse(f[1]) : null;
            if (mac != null) {
                into.neighbour(a, mac);
            }
            if (!"*".equals(f[3])) {
                into.hostname(mac, a, f[3]);
            }
        }
    }

    private static InetAddress address(String text) {
        InetAddress address = IpLiteral.parse(text);
        return address == null ? null : ClientAddresses.canonical(address);
    }
}
