package org.hearth.gateway.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The kernel's own record of one of this process's threads: /proc/self/task/<tid>/stat (stat(5)). */
public final class ThreadStat {

    private ThreadStat() {}

    /** Field 19: the thread's nice value. */
    public static int nice(String tid) throws IOException {
        return field(tid, 19);
    }

    /** The calling thread's kernel id: /proc/thread-self links to "pid/task/tid". */
    public static String currentTid() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    /** Nice value of this process's threads by name (the kernel's 15 characters); the highest where names repeat. */
    public static Map<String, Integer> niceByName() throws IOException {
        Map<String, Integer> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    byName.merge(name, nice(task.getFileName().toString()), Math::max);
                } catch (IOException gone) {
                    // the thread ended while the folder was listed
                }
            }
        }
        return byName;
    }

    /**
     * Waits up to 10 s for a thread called each of {@code names} to exist and reach {@code nice}: a
     * thread lowers itself as it starts, through a `renice` process, and a new Java thread shows
     * the launcher's name ("java") until it has set its own, so a name not seen yet is waited for.
     */
    public static Map<String, Integer> awaitNice(List<String> names, int nice) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, Integer> byName = niceByName();
        while (names.stream().anyMatch(n -> !Integer.valueOf(nice).equals(byName.get(n))) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            byName.clear();
            byName.putAll(niceByName());
        }
        return byName;
    }

    /** Field 41: the thread's scheduling policy (0 SCHED_OTHER, 3 SCHED_BATCH, 5 SCHED_IDLE). */
    public static int policy(String tid) throws IOException {
        return field(tid, 41);
    }

    private static int field(String tid, int number) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        // Fields after "(comm)", which may hold spaces: the first of them, state, is field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[number - 3]);
    }
}
