package org.hearth.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The commented hearth.yml that {@code hearth serve} writes when it is started without a config, so
 * a parent gets a working gateway and a file that explains itself. Its upstreams are the system's own
 * DNS servers from resolv.conf.
 */
public final class DefaultConfig {

    public static final String FILE_NAME = "hearth.yml";
    private static final String TEMPLATE = "hearth-default.yml";
    private static final String UPSTREAMS = "@UPSTREAMS@";
    private static final String LISTEN = "@LISTEN@";

    /**
     * What {@link #createIfMissing} did.
     *
     * @param notes for the person starting hearth: nameservers skipped, or that none was found
     */
    public record Outcome(Path file, boolean created, List<String> notes) {}

    private DefaultConfig() {}

    /**
     * Writes {@code dataDir/hearth.yml} unless it exists: listening on the default loopback addresses
     * this machine has, forwarding to the servers in {@code resolvConf}.
     */
    public static Outcome createIfMissing(Path dataDir, Path resolvConf, Predicate<InetAddress> isLocal)
            throws IOException {
        return createIfMissing(dataDir, resolvConf, isLocal, usableDefaultListen());
    }

    /** As above with the listen addresses given. */
    public static Outcome createIfMissing(Path dataDir, Path resolvConf, Predicate<InetAddress> isLocal,
            List<String> listen) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new Outcome(file, false, List.of());
        }
        List<InetSocketAddress> ownListen = listen.stream()
                .map(s -> HostPort.parseListen(s, StandardChecks.DNS_PORT)).toList();
        ResolvConf system = ResolvConf.read(resolvConf, ownListen, isLocal);
        List<String> notes = new ArrayList<>();
        system.skipped().forEach(s -> notes.add("skipped nameserver " + s));
        if (system.servers().isEmpty()) {
            notes.add("no usable nameserver in " + resolvConf + "; write your DNS servers under upstreams: in "
                    + file);
        }
        try {
            ConfigWriter.write(file, render(system, resolvConf, listen), List.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the default config template does not load: " + e.getMessage(), e);
        }
        return new Outcome(file, true, List.copyOf(notes));
    }

    /**
     * {@link DnsConfig#DEFAULT_LISTEN} minus addresses this machine cannot bind: containers often have
     * no IPv6 loopback, and a first run must not fail on an address nobody asked for.
     */
    static List<String> usableDefaultListen() {
        List<String> usable = DnsConfig.DEFAULT_LISTEN.stream().filter(DefaultConfig::canBind).toList();
        return usable.isEmpty() ? DnsConfig.DEFAULT_LISTEN : usable;
    }

    private static boolean canBind(String listen) {
        InetAddress address = HostPort.parseListen(listen, StandardChecks.DNS_PORT).getAddress();
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The template with the listen and upstreams lines filled in. */
    static String render(ResolvConf system, Path resolvConf, List<String> listen) throws IOException {
        StringBuilder listenLine = new StringBuilder("  listen: [");
        listenLine.append(String.join(", ", listen.stream().map(s -> "\"" + s + "\"").toList())).append(']');
        for (String left : DnsConfig.DEFAULT_LISTEN) {
            if (!listen.contains(left)) {
                listenLine.append("\n  # ").append(left).append(" was left out: this machine cannot use that address.");
            }
        }
        StringBuilder upstreams = new StringBuilder();
        if (system.servers().isEmpty()) {
            upstreams.append("# No DNS server was found in ").append(resolvConf)
                    .append(", so Hearth cannot look names up yet.\n")
                    .append("# Write your router's or provider's here, e.g. [\"192.168.1.1\", \"1.1.1.1\"].\n")
                    .append("upstreams: []");
        } else {
            upstreams.append("# These were taken from ").append(resolvConf).append(" when this file was made.\n")
                    .append("upstreams:");
            for (String server : system.servers()) {
                upstreams.append("\n  - \"").append(server).append('"');
            }
        }
        for (String skipped : system.skipped()) {
            upstreams.append("\n# Left out: ").append(skipped);
        }
        return template().replace(LISTEN, listenLine).replace(UPSTREAMS, upstreams);
    }

    private static String template() throws IOException {
        try (InputStream in = DefaultConfig.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException("resource " + TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
