package org.hearth.gateway.policy;

import java.util.List;
import java.util.Set;
import org.hearth.gateway.config.Cidr;

/**
 * A configured device: its name (also its id in the log), the profile it follows and what
 * identifies it. A device known by MAC keeps its identity over IPv4 and IPv6, because the
 * neighbour tables map every address it uses back to the MAC.
 */
public record Device(String name, String profile, Set<MacAddress> macs, List<Cidr> networks) {

    public Device {
        macs = Set.copyOf(macs);
        networks = List.copyOf(networks);
    }
}
