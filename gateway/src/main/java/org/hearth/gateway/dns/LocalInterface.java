package org.hearth.gateway.dns;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One network interface as a scan saw it: its addresses and whether it was up.
 *
 * @param index the kernel's interface index, the scope id of its IPv6 link-local addresses
 */
record LocalInterface(String name, int index, boolean up, List<InetAddress> addresses) {

    LocalInterface {
        addresses = List.copyOf(addresses);
    }

    /**
     * The interfaces as they are now, sub-interfaces (Linux address labels such as eth0:1) included.
     * Reads the kernel's tables; takes about a millisecond, never waits on the network.
     *
     * @throws SocketException when the interfaces cannot be listed at all
     */
    static List<LocalInterface> all() throws SocketException {
        List<LocalInterface> all = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            add(nic, all);
        }
        return all;
    }

    private static void add(NetworkInterface nic, List<LocalInterface> all) {
        boolean up;
        try {
            up = nic.isUp();
        } catch (SocketException e) {
            // The interface went away between the listing and this question: as good as down,
            // and the next scan will not list it.
            up = false;
        }
        all.add(new LocalInterface(nic.getName(), nic.getIndex(), up, Collections.list(nic.getInetAddresses())));
        for (NetworkInterface sub : Collections.list(nic.getSubInterfaces())) {
            add(sub, all);
        }
    }
}
