package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hearth.gateway.query.ClientIdentity;

/**
 * Client address (and a MAC a trusted forwarder vouched for) to device and profile. The MAC comes
 * from the forwarder or the neighbour tables; with it, every address the device uses (IPv4 and
 * IPv6) is tried against the device rules, so a device keeps its identity whichever it asks from.
 * Unknown devices get the default profile and are remembered in the {@link DeviceRegistry}.
 */
public final class DeviceIdentifier {

    /** Past this many client addresses the memo starts again: a bound, not an eviction policy. */
    private static final int MEMO_LIMIT = 4096;

    private final Supplier<NeighbourTable> neighbours;
    private final DeviceRegistry registry;
    private final Clock clock;
    /**
     * The identity last worked out per client address (no vouched MAC), valid while the policy
     * snapshot and neighbour table it was made from are the ones in force: both are immutable and
     * replaced whole, so a reference check says whether anything that decides it changed. Spares
     * every query the device match, the address's text and the identity's strings.
     */
    private final ConcurrentHashMap<InetAddress, Known> memo = new ConcurrentHashMap<>();

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
        NeighbourTable table = neighbours.get();
        Known known = vouchedMac == null ? memo.get(address) : null;
        if (known != null && known.policy() == policy && known.table() == table) {
            if (remember && known.unknown()) {
                registry.seen(known.identity().deviceId(), clock.millis(), known.ip(), known.mac(),
                        known.identity().deviceName());
            }
            return known.identity();
        }
        InetAddress client = ClientAddresses.canonical(address);
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
            ClientIdentity identity = new ClientIdentity(device.name(), device.name(), policy.profileOf(
                    new ClientIdentity(null, null, device.profile())).name());
            remember(address, vouchedMac, new Known(policy, table, identity, false, null, null));
            return identity;
        }
        String ip = client.getHostAddress();
        String macText = mac == null ? null : mac.toString();
        String id = mac != null ? "mac:" + macText : "ip:" + ip;
        String hostname = table.hostname(mac, client);
        if (remember) {
            registry.seen(id, clock.millis(), ip, macText, hostname);
        }
        ClientIdentity identity = new ClientIdentity(id, hostname, policy.defaultProfile().name());
        remember(address, vouchedMac, new Known(policy, table, identity, true, ip, macText));
        return identity;
    }

    private void remember(InetAddress address, MacAddress vouchedMac, Known known) {
        if (vouchedMac != null) {
            return; // a forwarder's MAC is per query, not per address
        }
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(address, known);
    }

    /** @param unknown whether the device matched no rule, so the registry hears of every query */
    private record Known(PolicySnapshot policy, NeighbourTable table, ClientIdentity identity, boolean unknown,
            String ip, String mac) {}
}
