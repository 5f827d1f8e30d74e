package org.hearth.gateway.dns.upstream;

import java.net.InetSocketAddress;
import org.hearth.gateway.query.Transport;

/**
 * An upstream's reply that passed {@link ReplyCheck}: ours, well formed, and not truncated unless
 * TCP too returned TC. It stops at the upstream boundary: what goes on is its bytes.
 */
public record UpstreamReply(InetSocketAddress server, ReplyWire message, Transport transport) {}
