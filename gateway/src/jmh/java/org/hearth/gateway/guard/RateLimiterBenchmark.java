package org.hearth.gateway.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What dns.rateLimit adds to every query: one bucket lookup and one compare-and-set. Clients are
 * drawn with a skew (a few devices ask most), as on a real network; "flooding" is one client far
 * over its rate, every query refused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RateLimiterBenchmark {

    private static final int CLIENTS = 2000;
    private static final int DRAWS = 1 << 16;

    private ClientRateLimiter generous;
    private ClientRateLimiter strict;
    private InetAddress[] draws;
    private InetAddress flooder;

    @Setup
    public void setUp() throws UnknownHostException {
        // Never limits the skewed mix: the cost measured is the bookkeeping of a query let through.
        // The burst is huge so that buckets live long (a bucket is forgotten after burst/rate
        // seconds of silence), as a real client's do between its queries.
        generous = new ClientRateLimiter(1_000_000, 1_000_000_000, System::nanoTime);
        strict = new ClientRateLimiter(1, 1, System::nanoTime);
        InetAddress[] clients = new InetAddress[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
        }
        SplittableRandom random = new SplittableRandom(42);
        draws = new InetAddress[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            // Zipf-like: the index is the floor of CLIENTS^u, so low indices (busy devices) dominate.
            int index = (int) Math.pow(CLIENTS, random.nextDouble()) - 1;
            draws[i] = clients[index];
        }
        flooder = clients[0];
        strict.tryAcquire(flooder);
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public boolean skewedClients(Cursor cursor) {
        InetAddress client = draws[cursor.next++ & (DRAWS - 1)];
        return generous.tryAcquire(client);
    }

    @Benchmark
    public boolean flooding() {
        return strict.tryAcquire(flooder);
    }
}
