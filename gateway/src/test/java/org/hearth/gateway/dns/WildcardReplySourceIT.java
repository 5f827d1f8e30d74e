package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bug: a UDP socket on a wildcard ({@code [::]:53}, as the Pi package listens) answered from
 * the address the kernel picked for the route back, not the one asked, and dig dropped the answer.
 * Proven with the packaged {@code target/hearth.jar} and the real {@code dig}, both run inside a
 * network namespace this test creates ({@code unshare --net}): there it may give loopback more
 * addresses, as a router has a ULA beside its global address, without touching the host's network.
 *
 * <p>The gateway answers {@code hearth.lan} itself with the address the question came in on, so no
 * upstream is needed, and the answer also shows the socket knew which address was asked.
 */
class WildcardReplySourceIT {

    /** The gateway's start (about 3 s on the 2-core build box) and a dozen queries with room to spare. */
    private static final Duration SCRIPT_WITHIN = Duration.ofSeconds(60);
    /** Rescans this often here instead of every 30 s, so an address added after start is served soon. */
    private static final int SCAN_MILLIS = 300;

    @TempDir
    Path dir;

    /**
     * Runs inside the namespace. Each query's output goes to dig-LABEL.txt and its exit code to
     * dig-LABEL.rc; the gateway's output to serve.out. The namespaces, the addresses and every process
     * in them end with the script.
     */
    private static final String SCRIPT = """
            set -u
            ip link set lo up
            # Interface addresses besides 127.0.0.1 and ::1: the secondary addresses of a router.
            ip addr add 127.0.0.2/8 dev lo
            ip addr add fd00::53/128 dev lo
            "$JAVA" $TRANSPORT -Dhearth.dns.addressScanMillis=%d -jar "$JAR" serve --config hearth.yml --data data \\
                > serve.out 2>&1 &
            pid=$!
            waitfor() { # a line in serve.out, within this many tenths of a second
                i=0
                while [ "$i" -lt "$2" ]; do
                    grep -q "$1" serve.out && return 0
                    kill -0 "$pid" 2>/dev/null || return 1
                    sleep 0.1
                    i=$((i + 1))
                done
                return 1
            }
            ask() { # label, then dig's arguments
                label=$1
                shift
                dig "$@" +tries=1 +time=2 > "dig-$label.txt" 2>&1
                echo $? > "dig-$label.rc"
            }
            if waitfor 'hearth: answering DNS' 400; then
                # [::]:53, dual-stack, the Pi package's listen; the client's own address (-b) is the
                # route back, which is where a wildcard socket's answer would have come from.
                ask v4-primary -b 127.0.0.1 @127.0.0.1 hearth.lan A
                ask v4-secondary -b 127.0.0.1 @127.0.0.2 hearth.lan A
                ask v6-ula -b ::1 @fd00::53 hearth.lan AAAA
                ask v6-loopback -b ::1 @::1 hearth.lan AAAA
                ask tcp-secondary -b 127.0.0.1 @127.0.0.2 hearth.lan A +tcp
                # Another program binding an address of the box on Hearth's port, as a second
                # resolver would (SO_REUSEADDR, which Linux lets anyone pair with a socket that has
                # it): refused, or it would take that address's questions, unfiltered. 127.0.0.2 has
                # its own socket; 127.0.0.3 (not yet an interface address) only the wildcard's.
                for a in 127.0.0.2 127.0.0.3; do
                    python3 -c 'import socket, sys; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); \
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], 53))' "$a" \
                        > "hijack-$a.out" 2>&1
                    echo $? > "hijack-$a.rc"
                done
                # 0.0.0.0:5353, the other way a wildcard is written.
                ask any4-secondary -b 127.0.0.1 @127.0.0.2 -p 5353 hearth.lan A
                # 127.0.0.3 is local (all of 127/8 is) but no interface lists it, so only the wildcard
                # serves it, from the wrong source: the namespace does reproduce the bug.
                ask unlisted -b 127.0.0.1 @127.0.0.3 hearth.lan A +time=1
                # Addresses added after start: served once a scan has bound them.
                ip addr add 127.0.0.3/8 dev lo
                ip addr add fd00::54/128 dev lo
                if waitfor 'now also on .*127\\.0\\.0\\.3:53' 100 && waitfor 'now also on .*fd00:0:0:0:0:0:0:54.:53' 100; then
                    ask added-v4 -b 127.0.0.1 @127.0.0.3 hearth.lan A
                    ask added-v6 -b ::1 @fd00::54 hearth.lan AAAA
                    # An address removed: its sockets close at the next scan.
                    ip addr del 127.0.0.3/8 dev lo
                    waitfor 'no longer on .*127\\.0\\.0\\.3:53' 100
                    echo $? > removed.rc
                fi
            fi
            kill "$pid"
            wait "$pid"
            echo $? > serve.rc
            """;

    /**
     * Both transports: epoll where Netty's native library loads (x86-64, arm64), NIO elsewhere (a
     * 32-bit Raspberry Pi OS), whose sockets set their options and report their addresses their own way.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "nio"})
    void udpOnAWildcardAnswersFromTheAddressAskedNotTheRouteBack(String transport) throws Exception {
        requireNetworkNamespace();
        Files.writeString(dir.resolve("hearth.yml"), """
                dns:
                  listen: ["[::]:53", "0.0.0.0:5353"]
                admin: {listen: []}
                web: {listen: []}
                # never asked: the gateway answers hearth.lan itself
                upstreams: ["127.0.0.1:9"]
                identity: {arpFile: "", ipv6Neighbours: ""}
                """);
        Files.writeString(dir.resolve("inside.sh"), SCRIPT.formatted(SCAN_MILLIS));
        // A PID namespace too, the script its first process: when it ends, or unshare is killed
        // (--kill-child), the kernel ends the gateway with it, whatever went wrong. Its own /proc, so
        // the thread ids the gateway reads there for renice are the ones renice sees.
        ProcessBuilder unshare = new ProcessBuilder(unshare("--mount-proc", "sh", "inside.sh"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("script.out").toFile());
        unshare.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        unshare.environment().put("JAR", jar().toString());
        unshare.environment().put("TRANSPORT", transport.equals("nio") ? "-Dio.netty.transport.noNative=true" : "");
        Process script = unshare.start();
        if (!script.waitFor(SCRIPT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            script.destroyForcibly().waitFor();
            throw new AssertionError("script not done within " + SCRIPT_WITHIN + ": " + read("serve.out"));
        }
        String serve = read("serve.out");
        assertThat(script.exitValue()).as(read("script.out") + serve).isZero();
        assertThat(serve).contains("transport " + transport);

        assertThat(answer("v4-primary")).contains("hearth.lan.", "IN\tA\t127.0.0.1");
        assertThat(answer("v4-secondary")).contains("IN\tA\t127.0.0.2");
        assertThat(answer("v6-ula")).contains("IN\tAAAA\tfd00::53");
        assertThat(answer("v6-loopback")).contains("IN\tAAAA\t::1");
        assertThat(answer("tcp-secondary")).contains("IN\tA\t127.0.0.2");
        for (String address : List.of("127.0.0.2", "127.0.0.3")) {
            assertThat(read("hijack-" + address + ".out")).as("another program binding " + address + ":53")
                    .contains("Address already in use");
        }
        assertThat(answer("any4-secondary")).contains("IN\tA\t127.0.0.2");
        assertThat(exitCode("unlisted")).as("an address only the wildcard serves: " + read("dig-unlisted.txt"))
                .isNotZero();
        assertThat(answer("added-v4")).as(serve).contains("IN\tA\t127.0.0.3");
        assertThat(answer("added-v6")).as(serve).contains("IN\tAAAA\tfd00::54");
        assertThat(read("removed.rc").strip()).as("sockets of a removed address closed: " + serve).isEqualTo("0");

        assertThat(serve).contains("also listens on each of its addresses")
                .contains("127.0.0.2:53", "[fd00:0:0:0:0:0:0:53]:53", "127.0.0.2:5353")
                .doesNotContain("cannot listen on");
        assertThat(read("serve.rc").strip()).as("exit after SIGTERM: " + serve).isEqualTo("0");
        assertThat(serve).contains("hearth: stopped");
    }

    /** dig's output for one query, which must have been answered: exit 0, a status line, NOERROR. */
    private String answer(String label) throws IOException {
        String out = read("dig-" + label + ".txt");
        assertThat(exitCode(label)).as(label + ": " + out).isZero();
        assertThat(out).as(label).contains("status: NOERROR").doesNotContain("unexpected source");
        return out;
    }

    private int exitCode(String label) throws IOException {
        Path rc = dir.resolve("dig-" + label + ".rc");
        assertThat(rc).as("query " + label + " was asked; gateway said: " + read("serve.out")).exists();
        return Integer.parseInt(Files.readString(rc).strip());
    }

    private String read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "(no " + name + ")";
    }

    /** Fails, not skips: without a namespace of its own this test cannot show the bug is fixed. */
    private static void requireNetworkNamespace() throws Exception {
        Process probe = new ProcessBuilder(unshare("ip", "link", "set", "lo", "up"))
                .redirectErrorStream(true).start();
        boolean done = probe.waitFor(10, TimeUnit.SECONDS);
        String said = new String(probe.getInputStream().readAllBytes());
        assertThat(done && probe.exitValue() == 0)
                .as("this test needs `unshare --net --pid` (root, or unprivileged user namespaces) and `ip`: "
                        + said)
                .isTrue();
    }

    /**
     * {@code unshare} into new network and PID namespaces, then {@code command}. Root needs nothing
     * more; anyone else gets a user namespace of their own where they are root (Debian allows
     * unprivileged user namespaces), which is enough to add addresses and bind port 53 there.
     */
    private static List<String> unshare(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("unshare"));
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        if (!root) {
            line.addAll(List.of("--user", "--map-root-user"));
        }
        line.addAll(List.of("--net", "--pid", "--fork", "--kill-child"));
        line.addAll(List.of(command));
        return line;
    }

    /** The jar the package phase shaded, found from the module folder failsafe runs in. */
    private static Path jar() {
        Path jar = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/hearth.jar");
        assertThat(jar).as("run by failsafe after package: mvn -pl gateway -am verify").exists();
        return jar;
    }
}
