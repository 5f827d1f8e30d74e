package org.hearth.gateway.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** One spelling per client address, so tables and rules compare equal. */
public final class ClientAddresses {

    private ClientAddresses() {}

    /**
     * An IPv4-mapped IPv6 address (what a dual-stack socket reports for an IPv4 client) as the
     * IPv4 address; a link-local IPv6 address without its scope id (tables print it without one).
     */
    public static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            try {
                if (mapped) {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                }
                if (v6.getScopeId() != 0 || v6.getScopedInterface() != null) {
                    return InetAddress.getByAddress(b);
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address;
    }
}
