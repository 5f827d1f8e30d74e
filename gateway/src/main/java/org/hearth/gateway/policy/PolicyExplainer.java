package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.query.ClientIdentity;

/**
 * Answers "what would happen if this device asked for this name at this time, and why" without
 * asking anything or recording anything: for {@code hearth lists check NAME --device IP} and the
 * admin API. Gives the same decision the stages would.
 */
public final class PolicyExplainer {

    private final PolicySnapshots policy;
    private final DomainIndexHolder index;
    private final DeviceIdentifier identifier;
    private final Pauses pauses;
    private final Clock clock;
    private final TemporaryAllows allows;

    /** @param clock only its zone is used: the box's zone, in which schedules are written */
    public PolicyExplainer(PolicySnapshots policy, DomainIndexHolder index, DeviceIdentifier identifier,
            Pauses pauses, Clock clock) {
        this(policy, index, identifier, pauses, clock, new TemporaryAllows());
    }

    /** @param allows approved unblock requests, as the policy stage sees them */
    public PolicyExplainer(PolicySnapshots policy, DomainIndexHolder index, DeviceIdentifier identifier,
            Pauses pauses, Clock clock, TemporaryAllows allows) {
        this.allows = allows;
        this.policy = policy;
        this.index = index;
        this.identifier = identifier;
        this.pauses = pauses;
        this.clock = clock;
    }

    /**
     * An explainer for a command-line check, without a running gateway: the config's policy, the
     * given index, no neighbour tables (devices match by address) and no pauses.
     *
     * @throws IllegalArgumentException listing every problem when the policy does not compile
     */
    public static PolicyExplainer standalone(HearthConfig config, DomainIndex index, Clock clock) {
        PolicyCompiler.Result result = new PolicyCompiler().compile(config);
        if (!result.ok()) {
            throw new IllegalArgumentException(result.problems().stream().map(Problem::toString)
                    .collect(java.util.stream.Collectors.joining(System.lineSeparator())));
        }
        DeviceIdentifier identifier = new DeviceIdentifier(() -> NeighbourTable.EMPTY, new DeviceRegistry(1), clock);
        return new PolicyExplainer(new PolicySnapshots(result.snapshot()), new DomainIndexHolder(index), identifier,
                new Pauses(), clock);
    }

    /** For a client address (the device it maps to, or the default profile). */
    public Decision explain(InetAddress client, String name, int type, Instant at) {
        return explain(identify(client), name, type, at);
    }

    /**
     * The device a client address is, as the DNS path would identify it (neighbour tables, device
     * rules), without remembering an unknown one: the child's "why" page asks this.
     */
    public ClientIdentity identify(InetAddress client) {
        return identifier.identify(policy.current(), client, null, false);
    }

    /**
     * For a known identity.
     *
     * @throws IllegalArgumentException when {@code name} is not a domain name
     */
    public Decision explain(ClientIdentity who, String name, int type, Instant at) {
        String normalised = DomainNames.normalise(name);
        return policy.current().decide(who, normalised, type, ZonedDateTime.ofInstant(at, clock.getZone()),
                index.current(), who == null ? null : pauses.until(who.deviceId()), allows);
    }
}
