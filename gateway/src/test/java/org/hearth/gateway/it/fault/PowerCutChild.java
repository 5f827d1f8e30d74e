package org.hearth.gateway.it.fault;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.format.ListRule;
import org.hearth.blocklists.index.IndexBuilder;
import org.hearth.blocklists.index.IndexFile;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.gateway.config.ConfigWriter;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.BlockedLookup;

/**
 * The process {@link PowerCutIT} kills: three threads write, for ever, what the box writes (the
 * config through ConfigWriter, the list index through IndexFile, the blocked-lookup log through
 * BlockLog), each alternating between two contents. Prints "ready" once every writer is in its
 * loop (classes loaded, the log open), so the kill lands in the middle of the writing, not in JVM
 * start-up. The files outlive each child, so even a child's first write replaces a file.
 */
public final class PowerCutChild {

    static final String CONFIG_A = """
            dns:
              listen: ["127.0.0.1:5353"]
            upstreams: ["127.0.0.1:9"]
            """;
    static final String CONFIG_B = """
            dns:
              listen: ["127.0.0.1:5354"]
              rateLimit: 50
            upstreams: ["127.0.0.2:9", "127.0.0.3:9"]
            """ + "# padding so the two files differ in length too\n".repeat(40);
    static final int LIST_SIZE = 5_000;
    static final Category CATEGORY = new Category("test", 0, false);

    private PowerCutChild() {}

    /** The n-th name of list "a" or "b": the two lists share no name. */
    static String listed(char list, int n) {
        return "n" + n + "." + list + "-list.example";
    }

    /**
     * {@code DIR [--exit-when-ready | --warm-then-wait SCRATCH]}. The first option ends the process
     * normally once every writer has written, which is what lets the parent record a class-data
     * archive of a whole start ({@code -XX:ArchiveClassesAtExit}). The second does one of
     * everything in SCRATCH first (classes loaded and initialised, SQLite's native library in,
     * the JIT started), prints "warm", and waits for "go" on stdin before touching DIR: the parent
     * starts the next round's child while this round runs, so a round no longer waits for a JVM.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        exitWhenReady = args.length > 1 && args[1].equals("--exit-when-ready");
        if (args.length > 2 && args[1].equals("--warm-then-wait")) {
            warmUp(Path.of(args[2]));
            System.out.println("warm");
            System.out.flush();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (!"go".equals(line)) {
                return; // the parent is done with us
            }
        }
        Thread config = loop(() -> {
            Path file = dir.resolve("hearth.yml");
            // Start with the text the file does not hold, so every write is a change.
            long first = java.nio.file.Files.readString(file).equals(CONFIG_A) ? 0 : 1;
            ready(0);
            for (long i = first; ; i++) {
                ConfigWriter.write(file, i % 2 == 0 ? CONFIG_B : CONFIG_A, List.of());
            }
        });
        Thread index = loop(() -> {
            Path file = dir.resolve("lists.idx");
            long first = java.nio.file.Files.exists(file) && MappedDomainIndex.open(file).meta().equals("list b") ? 1 : 0;
            ready(1);
            for (long i = first; ; i++) {
                char list = i % 2 == 0 ? 'b' : 'a';
                IndexBuilder builder = new IndexBuilder(LIST_SIZE);
                for (int n = 0; n < LIST_SIZE; n++) {
                    builder.add(ListRule.block(listed(list, n)), CATEGORY);
                }
                IndexFile.write(builder, "list " + list, file, System.currentTimeMillis());
            }
        });
        Thread log = loop(() -> {
            try (BlockLog blockLog = BlockLog.start(dir.resolve("hearth.db"), LogConfig.defaults(), Clock.systemUTC())) {
                for (long i = 0; ; i++) {
                    for (int n = 0; n < 500; n++) {
                        blockLog.offer(new BlockedLookup(Instant.now(), "dev" + (n % 7), null, "192.168.1." + (n % 200),
                                "kids", "n" + i + "-" + n + ".example", 1, List.of("test"), BlockReason.LIST, "", "0.0.0.0"));
                    }
                    blockLog.flush(Duration.ofSeconds(10));
                    ready(2); // after the first commit: the parent's "no committed row lost" check needs one
                    }
            }
        });
        config.join();
        index.join();
        log.join();
    }

    /** The three writers' first steps, in a folder of the child's own. */
    private static void warmUp(Path scratch) throws Exception {
        java.nio.file.Files.createDirectories(scratch);
        ConfigWriter.write(scratch.resolve("hearth.yml"), CONFIG_A, List.of());
        IndexBuilder builder = new IndexBuilder(LIST_SIZE);
        for (int n = 0; n < LIST_SIZE; n++) {
            builder.add(ListRule.block(listed('a', n)), CATEGORY);
        }
        IndexFile.write(builder, "list a", scratch.resolve("lists.idx"), System.currentTimeMillis());
        MappedDomainIndex.open(scratch.resolve("lists.idx")).meta();
        try (BlockLog blockLog = BlockLog.start(scratch.resolve("hearth.db"), LogConfig.defaults(), Clock.systemUTC())) {
            for (int n = 0; n < 500; n++) {
                blockLog.offer(new BlockedLookup(Instant.now(), "dev" + (n % 7), null, "192.168.1." + (n % 200),
                        "kids", "warm-" + n + ".example", 1, List.of("test"), BlockReason.LIST, "", "0.0.0.0"));
            }
            blockLog.flush(Duration.ofSeconds(10));
        }
    }

    private static final boolean[] DONE = new boolean[3];
    private static volatile boolean exitWhenReady;

    private static synchronized void ready(int writer) {
        if (DONE[writer]) {
            return;
        }
        DONE[writer] = true;
        if (DONE[0] && DONE[1] && DONE[2]) {
            System.out.println("ready");
            System.out.flush();
            if (exitWhenReady) {
                System.exit(0);
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread loop(Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3); // the parent sees the child die on its own, not by its kill
            }
        });
        t.start();
        return t;
    }
}
