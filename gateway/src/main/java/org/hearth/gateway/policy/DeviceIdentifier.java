package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hearth.gateway.query.ClientIdentity;

/**
 * Client address (and a MAC a trusted forwarder vouched for) to device and profile. The MAC comes
 * from the forwarder or the neighbour tables; with it, every address the device uses (IPv4 and
 * IPv6) is tried against the device rules, so a device keeps its identity whichever it asks from.
 * Unknown devices get the default profile and are remembered in the {@link DeviceRegistry}.
 */
public final class DeviceIdentifier {

    private final Supplier<NeighbourTable> neighbours;
    private final DeviceRegistry registry;
    private final Clock clock;

    public DeviceIdentifier(Supplier<NeighbourTable> neighbours, DeviceRegistry registry, Clock clock) {
        this.neighbours = neighbours;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param address the client's address (or the one a trusted forwarder gave in ECS)
     * @param vouchedMac the MAC a trusted forwarder sent, or null
     * @param remember whether an unknown device is recorded (queries yes, explanations no)
     */
    public ClientIdentity identify(PolicySnapshot policy, InetAddress address, MacAddress vouchedMac,
            boolean remember) {
        InetAddress client = ClientAddresses.canonical(address);
        NeighbourTable table = neighbours.get();
        MacAddress mac = vouchedMac != null ? vouchedMac : table.mac(client);
        List<InetAddress> addresses = List.of(client);
        List<InetAddress> others = table.addresses(mac);
        if (!others.isEmpty()) {
            addresses = new ArrayList<>(others.size() + 1);
            addresses.add(client);
            addresses.addAll(others);
        }
        Device device = policy.devices().match(addresses, mac);
        if (device != null) {
            return new ClientIdentity(device.name(), device.name(), policy.profileOf(
                    new ClientIdentity(null, null, device.profile())).name());
        }
        String id = mac != null ? "mac:" + mac : "ip:" + client.getHostAddress();
        String hostname = table.hostname(mac, client);
        if (remember) {
            registry.seen(id, clock.instant(), client.getHostAddress(), mac == null ? null : mac.toString(), hostname);
        }
        return new ClientIdentity(id, hostname, policy.defaultProfile().name());
    }
}
