package org.hearth.gateway.testsupport;

import java.lang.reflect.Method;
import org.hearth.gateway.log.LogDatabase;

/** For the tests of hearth.db's other users: what the log's writer does when it finds the file corrupt. */
public final class CorruptLog {

    private CorruptLog() {}

    /** {@code LogDatabase.moveAside}, which only the log package calls (LogWriterThread.failed). */
    public static void movedAsideByTheWriter(LogDatabase database) throws Exception {
        Method moveAside = LogDatabase.class.getDeclaredMethod("moveAside", String.class);
        moveAside.setAccessible(true);
        moveAside.invoke(database, "a test");
    }
}
