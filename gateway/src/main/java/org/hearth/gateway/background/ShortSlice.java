package org.hearth.gateway.background;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Linux for a short scheduler slice for the threads that answer DNS, so that a question never
 * waits for another thread's turn on the core to end. Linux's EEVDF scheduler lets a running thread
 * finish its slice (1.4 ms on a two-core box, 3 ms on bigger ones) before a woken one of the same
 * class runs, unless the woken one asked for a shorter slice (Linux 6.12 and later: {@code
 * sched_setattr}'s {@code sched_runtime} for SCHED_OTHER, 0.1 to 100 ms). In the bench rig the JIT's
 * compiler threads, a collection's follow-up and the bench's own neighbours held the core that way
 * while a question waited; with 0.1 ms slices the latency windows' p99.9 fell from 2.1 to 8.7 ms to
 * 0.3 to 0.4 ms on cached names (gateway/PERF.md). The slice says how often a thread may take the
 * core, not how much of it: the event loop's share, and everyone else's, stay as they were.
 *
 * <p>Java has no call for it and {@code chrt} learns it only in util-linux 2.41, so one {@code perl}
 * process (perl-base is Essential on Debian and Raspberry Pi OS) makes the system calls, off the
 * serving threads, keeping each one's nice value and class. Systemd's {@code RestrictRealtime}
 * filters real-time policies only, and changing one's own threads needs no privilege. A kernel
 * before 6.12 ignores the field; anywhere it fails the threads simply keep the kernel's slice
 * (logged at debug).
 * {@code -Dhearth.dns.sliceNanos=0} turns it off.
 */
public final class ShortSlice {

    private static final Logger LOG = LoggerFactory.getLogger(ShortSlice.class);
    /** The shortest slice Linux allows; a cached answer takes about a tenth of it. */
    public static final long DEFAULT_NANOS = 100_000;
    static final String PROPERTY = "hearth.dns.sliceNanos";

    /**
     * sched_setattr(tid, attr, 0) for each thread id: struct sched_attr (VER1, 56 bytes) with
     * SCHED_FLAG_KEEP_POLICY (the thread keeps its class and reset-on-fork), its current nice, and
     * the slice in sched_runtime; 64-bit fields written as two 32-bit halves, so it also works with
     * a perl built without 64-bit integers. Perl's getpriority says -1 with errno set when it fails.
     */
    private static final String SCRIPT = """
            my ($nr, $ns, @tids) = @ARGV;
            my @runtime = ($ns % 4294967296, int($ns / 4294967296));
            @runtime = reverse @runtime if unpack("C", pack("L", 1)) != 1;
            my $failed = 0;
            for my $tid (@tids) {
                $! = 0;
                my $nice = getpriority(0, $tid);
                if ($nice == -1 && $!) { print "$tid: getpriority: $!\\n"; $failed = 1; next; }
                my $attr = pack("LLLLlLLLLLLLLL", 56, 0, 8, 0, $nice, 0, @runtime, 0, 0, 0, 0, 0, 0);
                if (syscall($nr, $tid + 0, $attr, 0) != 0) { print "$tid: sched_setattr: $!\\n"; $failed = 1; }
            }
            exit $failed;
            """;

    /** The kernel clamps a custom slice to 0.1 to 100 ms. */
    static final long MIN_NANOS = 100_000;
    static final long MAX_NANOS = 100_000_000;

    private ShortSlice() {}

    /**
     * The slice the DNS threads ask for: {@value #PROPERTY} within what the kernel allows, or
     * {@link #DEFAULT_NANOS}; 0 for none.
     */
    public static long configuredNanos() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_NANOS;
        }
        try {
            long nanos = Long.parseLong(value.trim());
            return nanos <= 0 ? 0 : Math.max(MIN_NANOS, Math.min(MAX_NANOS, nanos));
        } catch (NumberFormatException e) {
            LOG.warn("-D{}={} is not a number of nanoseconds; using {}", PROPERTY, value, DEFAULT_NANOS);
            return DEFAULT_NANOS;
        }
    }

    /** The kernel's id of the calling thread, or null where there is none to read (not Linux). */
    public static String currentThreadId() {
        try {
            return BackgroundThreads.threadId();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Asks for a {@code nanos} slice for the threads {@code tids} (kernel ids), with one process from
     * a short-lived helper thread: returns at once, and the threads serve meanwhile.
     */
    public static void request(List<String> tids, long nanos) {
        if (nanos <= 0 || tids.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(tids);
        Thread helper = new Thread(() -> {
            boolean applied = apply(ids, nanos);
            LOG.debug("threads {}: {} ns slice {}", ids, nanos, applied ? "in force" : "not available here");
        }, "hearth-slice");
        helper.setDaemon(true);
        try {
            helper.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            // No thread to spare: the loops serve with the kernel's slice rather than not at all.
            LOG.debug("no short slice for threads {}: {}", ids, e.toString());
        }
    }

    /** Sets the threads' slice; true when the kernel reports it back for every one. */
    static boolean apply(List<String> tids, long nanos) {
        int number = setattrSyscall(System.getProperty("os.arch", ""));
        if (number < 0) {
            return false;
        }
        try {
            List<String> command = new ArrayList<>(List.of("perl", "-e", SCRIPT, Integer.toString(number),
                    Long.toString(nanos)));
            command.addAll(tids);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // Nothing from the environment gets to load code into it (PERL5OPT, PERL5LIB, ...).
            builder.environment().keySet().removeIf(key -> key.startsWith("PERL"));
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            String output = new String(process.getInputStream().readAllBytes()).trim();
            if (process.exitValue() != 0) {
                LOG.debug("sched_setattr: {}", output);
                return false;
            }
            return tids.stream().allMatch(tid -> currentNanos(tid) == nanos);
        } catch (IOException | RuntimeException e) {
            LOG.debug("sched_setattr for threads {}: {}", tids, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Thread {@code tid}'s slice as the kernel reports it ({@code se.slice}), or -1 where it does not. */
    static long currentNanos(String tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/task", tid, "sched"))) {
                if (line.startsWith("se.slice")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("slice of thread {}: {}", tid, e.toString());
        }
        return -1;
    }

    /** sched_setattr's number on this architecture (Linux's syscall tables), or -1. */
    static int setattrSyscall(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> 314;
            case "aarch64", "arm64", "riscv64", "loongarch64" -> 274;
            case "arm" -> 380;
            case "x86", "i386", "i686" -> 351;
            case "ppc64", "ppc64le" -> 355;
            case "s390x" -> 345;
            default -> -1;
        };
    }
}
