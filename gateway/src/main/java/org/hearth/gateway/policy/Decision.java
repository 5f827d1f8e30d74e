package org.hearth.gateway.policy;

import org.hearth.gateway.query.ClientIdentity;

/**
 * What the policy decided for one name, for one device, at one moment, and why. Every decision
 * names the device and profile it was made for, so the log, the API and {@code hearth lists check}
 * can show it as is.
 */
public sealed interface Decision {

    /** The normalised name decided on. */
    String name();

    ClientIdentity who();

    Reason reason();

    /** Resolve normally. */
    record Allowed(String name, ClientIdentity who, Reason reason) implements Decision {}

    /** Answer it ourselves, harmlessly, in the given way; never forward it. */
    record Blocked(String name, ClientIdentity who, Reason reason, Response response) implements Decision {}

    /** Answer with a CNAME to an enforcement host (SafeSearch) and that host's live records. */
    record Rewritten(String name, ClientIdentity who, Reason reason, String target) implements Decision {}

    /** How a blocked name is answered. */
    enum Response {
        ZERO_IP,
        NXDOMAIN,
        BLOCKPAGE,
        /** NOERROR with no records: what _dns.resolver.arpa gets. */
        NODATA;

        static Response of(BlockMode mode) {
            return switch (mode) {
                case ZERO_IP -> ZERO_IP;
                case NXDOMAIN -> NXDOMAIN;
                case BLOCKPAGE -> BLOCKPAGE;
            };
        }
    }
}
