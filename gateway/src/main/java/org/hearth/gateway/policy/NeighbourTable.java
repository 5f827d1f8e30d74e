package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the box knows about the machines next to it, read from the kernel's neighbour tables and the
 * DHCP leases: which MAC uses which addresses, and what each calls itself. Immutable; the
 * {@link NeighbourWatcher} builds a new one in the background and swaps it in.
 */
public final class NeighbourTable {

    public static final NeighbourTable EMPTY = new Builder().build();

    private final Map<InetAddress, MacAddress> macByAddress;
    private final Map<MacAddress, List<InetAddress>> addressesByMac;
    private final Map<MacAddress, String> hostnameByMac;
    private final Map<InetAddress, String> hostnameByAddress;

    private NeighbourTable(Builder b) {
        this.macByAddress = Map.copyOf(b.macByAddress);
        Map<MacAddress, List<InetAddress>> byMac = new HashMap<>();
        b.addressesByMac.forEach((mac, list) -> byMac.put(mac, List.copyOf(list)));
        this.addressesByMac = Map.copyOf(byMac);
        this.hostnameByMac = Map.copyOf(b.hostnameByMac);
        this.hostnameByAddress = Map.copyOf(b.hostnameByAddress);
    }

    /** The MAC using this address, or null. */
    public MacAddress mac(InetAddress address) {
        return macByAddress.get(address);
    }

    /** Every address seen for this MAC (IPv4 and IPv6), possibly empty. */
    public List<InetAddress> addresses(MacAddress mac) {
        return mac == null ? List.of() : addressesByMac.getOrDefault(mac, List.of());
    }

    /** The DHCP hostname of the machine, by MAC or else by address; null when unknown. */
    public String hostname(MacAddress mac, InetAddress address) {
        String name = mac == null ? null : hostnameByMac.get(mac);
        return name != null ? name : hostnameByAddress.get(address);
    }

    public int size() {
        return macByAddress.size();
    }

    /** Collects entries; later entries for the same address win. */
    public static final class Builder {
        private final Map<InetAddress, MacAddress> macByAddress = new HashMap<>();
        private final Map<MacAddress, List<InetAddress>> addressesByMac = new HashMap<>();
        private final Map<MacAddress, String> hostnameByMac = new HashMap<>();
        private final Map<InetAddress, String> hostnameByAddress = new HashMap<>();

        public Builder neighbour(InetAddress address, MacAddress mac) {
            MacAddress old = macByAddress.put(address, mac);
            if (old != null && !old.equals(mac)) {
                addressesByMac.getOrDefault(old, new java.util.ArrayList<>()).remove(address);
            }
            List<InetAddress> list = addressesByMac.computeIfAbsent(mac, k -> new java.util.ArrayList<>());
            if (!list.contains(address)) {
                list.add(address);
            }
            return this;
        }

        public Builder hostname(MacAddress mac, InetAddress address, String hostname) {
            if (mac != null) {
                hostnameByMac.put(mac, hostname);
            }
            if (address != null) {
                hostnameByAddress.put(address, hostname);
            }
            return this;
        }

        public NeighbourTable build() {
            return new NeighbourTable(this);
        }
    }
}
