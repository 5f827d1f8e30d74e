package org.hearth.gateway.query;

import java.util.List;

/**
 * The client's EDNS0 OPT record (RFC 6891), as far as stages care about it. Absent (null in
 * {@link QueryContext}) when the query carried no OPT; then the answer must carry none either.
 *
 * @param udpSize the client's advertised UDP payload size, already clamped to at least 512
 * @param dnssecOk the DO bit
 * @param version the EDNS version the client asked for
 * @param options the options as sent (e.g. dnsmasq's add-mac, ECS), for trusted-forwarder handling
 */
public record Edns(int udpSize, boolean dnssecOk, int version, List<Option> options) {

    public Edns {
        udpSize = Math.max(512, Math.min(udpSize, 65535));
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** One EDNS option: its code and raw data. */
    public record Option(int code, byte[] data) {}
}
