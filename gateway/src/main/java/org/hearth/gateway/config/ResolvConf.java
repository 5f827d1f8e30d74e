package org.hearth.gateway.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The system's DNS servers from resolv.conf's {@code nameserver} lines, as dnsmasq takes them, minus
 * any that are hearth itself: forwarding to our own listen address would loop forever.
 *
 * @param servers usable upstreams, as config strings, in file order
 * @param skipped one note per nameserver left out, saying why
 */
public record ResolvConf(List<String> servers, List<String> skipped) {

    public static final Path SYSTEM = Path.of("/etc/resolv.conf");

    /** Reads {@code file}; a missing or unreadable file gives no servers and a note. */
    public static ResolvConf read(Path file, List<InetSocketAddress> ownListen, Predicate<InetAddress> isLocal) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return new ResolvConf(List.of(), List.of("cannot read " + file + ": " + e.getMessage()));
        }
        List<String> servers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].equals("nameserver")) {
                continue; // comments (# or ;), search, options, blank lines
            }
            String address = words[1];
            InetSocketAddress server;
            try {
                server = HostPort.parseUpstream(address);
            } catch (IllegalArgumentException e) {
                skipped.add(address + ": " + e.getMessage());
                continue;
            }
            if (isOwn(server, ownListen, isLocal)) {
                skipped.add(address + ": it is hearth's own listen address (forwarding to it would loop)");
            } else if (!servers.contains(address)) {
                servers.add(address);
            }
        }
        return new ResolvConf(List.copyOf(servers), List.copyOf(skipped));
    }

    /** Whether hearth's own listeners would receive what is sent to {@code server}. */
    static boolean isOwn(InetSocketAddress server, List<InetSocketAddress> ownListen, Predicate<InetAddress> isLocal) {
        for (InetSocketAddress own : ownListen) {
            if (own.getPort() != server.getPort()) {
                continue;
            }
            if (own.getAddress().equals(server.getAddress())) {
                return true;
            }
            if (own.getAddress().isAnyLocalAddress() && isLocal.test(server.getAddress())) {
                return true; // 0.0.0.0:53 receives what is sent to any address of this machine
            }
        }
        return false;
    }

    /** Loopback, or an address of one of this machine's interfaces. */
    public static boolean isLocalAddress(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
