package org.hearth.gateway.app;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.dns.QueryDispatcher;
import org.hearth.gateway.query.Transport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode, chain, encode: one query packet through the gateway's real wiring (guard, identify,
 * policy over a memory-mapped index of real lists, answer check, cache, forward) to the bytes the
 * client gets, on the calling thread, without sockets. {@code cachedAllowed} asks names from the
 * Cisco Umbrella top list that the profile lets through, all in the cache; {@code blocked} asks
 * names from the adult list, answered by the policy and offered to the blocked-lookup log.
 * Scores are nanoseconds per query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class QueryPathBenchmark {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);

    private QueryPathFixture fixture;
    private Gateway gateway;
    private QueryDispatcher dispatcher;
    private byte[][] allowed;
    private byte[][] blocked;
    private int[] draws;

    /** Per thread, so threads do not contend on a shared cursor. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        fixture = QueryPathFixture.open();
        gateway = Gateway.start(ConfigLoader.load(fixture.configFile));
        gateway.lists().ready().get(10, TimeUnit.MINUTES);
        dispatcher = dispatcherOf(gateway);
        allowed = warmAllowed(QueryPathFixture.names("popular-domains.txt.gz", 20_000), 10_000);
        blocked = packets(QueryPathFixture.names(QueryPathFixture.LISTS[0][0], 10_000));
        draws = QueryPathFixture.zipfDraws(Math.min(allowed.length, blocked.length), 7);
        for (byte[] packet : blocked) {
            if (!QueryPathAnswers.isBlocked(ask(packet))) {
                throw new IllegalStateException("a name from the adult list was not blocked: the index is not loaded");
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        gateway.close();
        fixture.close();
    }

    @Benchmark
    public byte[] cachedAllowed(Cursor cursor) {
        return ask(allowed[draws[cursor.next++ & (QueryPathFixture.DRAWS - 1)]]);
    }

    @Benchmark
    public byte[] blocked(Cursor cursor) {
        return ask(blocked[draws[cursor.next++ & (QueryPathFixture.DRAWS - 1)]]);
    }

    private byte[] ask(byte[] packet) {
        return dispatcher.dispatch(packet, CLIENT, LOCAL, Transport.UDP).toCompletableFuture().join();
    }

    /**
     * Asks each name twice, the first time through the upstream, which fills the cache, and keeps
     * those answered with the upstream's address both times: blocked names drop out, SafeSearch
     * rewrites stay (a CNAME to the enforcement host, then its cached address).
     */
    private byte[][] warmAllowed(List<String> names, int want) throws Exception {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < names.size() && kept.size() < want; i++) {
            byte[] packet = QueryPathFixture.query(names.get(i), i & 0xffff);
            if (QueryPathAnswers.isUpstreamAnswer(ask(packet)) && QueryPathAnswers.isUpstreamAnswer(ask(packet))) {
                kept.add(packet);
            }
        }
        return kept.toArray(new byte[0][]);
    }

    private static byte[][] packets(List<String> names) throws Exception {
        byte[][] packets = new byte[names.size()][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = QueryPathFixture.query(names.get(i), i & 0xffff);
        }
        return packets;
    }

    /**
     * The gateway's own dispatcher, so the benchmark runs exactly the wiring Gateway.start builds;
     * Gateway offers no accessor and this benchmark must not drift from it.
     */
    static QueryDispatcher dispatcherOf(Gateway gateway) throws ReflectiveOperationException {
        Field field = Gateway.class.getDeclaredField("dispatcher");
        field.setAccessible(true);
        return (QueryDispatcher) field.get(gateway);
    }
}
