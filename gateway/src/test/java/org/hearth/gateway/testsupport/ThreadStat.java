package org.hearth.gateway.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's own record of one of this process's threads: /proc/self/task/<tid>/stat (stat(5)). */
public final class ThreadStat {

    private ThreadStat() {}

    /** Field 19: the thread's nice value. */
    public static int nice(String tid) throws IOException {
        return field(tid, 19);
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
