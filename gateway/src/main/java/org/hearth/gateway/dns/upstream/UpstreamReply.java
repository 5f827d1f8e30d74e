package org.hearth.gateway.dns.upstream;

import java.net.InetSocketAddress;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.Message;

/**
 * An upstream's reply that passed {@link ReplyCheck}: ours, readable, and not truncated unless
 * TCP too returned TC. The message is mutable (dnsjava); it stops at the upstream boundary.
 *
 * @param wire the reply's bytes as received, which {@code message} was parsed from; not copied,
 *     not to be modified
 */
public record UpstreamReply(InetSocketAddress server, Message message, Transport transport, byte[] wire) {}
