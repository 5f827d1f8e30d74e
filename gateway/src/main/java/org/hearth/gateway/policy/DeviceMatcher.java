package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.Cidr;

/**
 * Finds the configured device for a client. The most specific rule wins: a MAC, then an exact
 * address, then the most specific matching CIDR (so one laptop in a lab's /24 can have its own profile).
 */
public final class DeviceMatcher {

    private record Network(Cidr cidr, Device device) {}

    private final Map<MacAddress, Device> byMac = new HashMap<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<Device> devices;

    public DeviceMatcher(List<Device> devices) {
        this.devices = List.copyOf(devices);
        for (Device d : devices) {
            for (MacAddress mac : d.macs()) {
                byMac.putIfAbsent(mac, d);
            }
            for (Cidr c : d.networks()) {
                networks.add(new Network(c, d));
            }
        }
        // Most specific first, counted in host bits so IPv4 and IPv6 rules compare (a /32 and a /128
        // are both exact). The sort is stable: among equals the device listed first wins.
        networks.sort(Comparator.comparingInt((Network n) -> n.cidr().hostBits()));
    }

    public List<Device> devices() {
        return devices;
    }

    /**
     * The device for a client seen at {@code addresses} (the asking address first, then others the
     * neighbour tables know for the same MAC) with this MAC (null when unknown); null when none.
     */
    public Device match(Collection<InetAddress> addresses, MacAddress mac) {
        if (mac != null) {
            Device d = byMac.get(mac);
            if (d != null) {
                return d;
            }
        }
        Network best = null;
        for (InetAddress a : addresses) {
            for (Network n : networks) {
                if (best != null && n.cidr().hostBits() >= best.cidr().hostBits()) {
                    break;
                }
                if (n.cidr().contains(a)) {
                    best = n;
                    break;
                }
            }
        }
        return best == null ? null : best.device();
    }
}
