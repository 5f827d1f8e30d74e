package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.util.concurrent.CompletionStage;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.hearth.gateway.query.Answer;

/**
 * Works out which device asked and which profile it follows, and hands the query on with that
 * identity. EDNS MAC and Client Subnet options are believed only from trusted forwarders: from
 * anyone else they would let a child claim to be a parent's laptop.
 */
public final class IdentifyStage implements QueryStage {

    private final PolicySnapshots policy;
    private final DeviceIdentifier identifier;

    public IdentifyStage(PolicySnapshots policy, DeviceIdentifier identifier) {
        this.policy = policy;
        this.identifier = identifier;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        return next.handle(query.withIdentity(identify(query)));
    }

    ClientIdentity identify(QueryContext query) {
        PolicySnapshot snapshot = policy.current();
        InetAddress address = query.client().getAddress();
        MacAddress mac = null;
        if (query.edns() != null && snapshot.trusts(ClientAddresses.canonical(address))) {
            ForwardedClient forwarded = ForwardedClient.from(query.edns());
            mac = forwarded.mac();
            if (forwarded.address() != null) {
                address = forwarded.address();
            }
        }
        return identifier.identify(snapshot, address, mac, true);
    }
}
