package org.hearth.gateway.cli;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.util.OSInfo;

/**
 * Copies this machine's native libraries (Netty's epoll transport, SQLite) out of the jar into a
 * folder, once. Without it both copy themselves into /tmp at every start, about 1 MB with a random
 * name, which cost 78 ms of a warm start on one core (PERF.md). The package's postinst runs it
 * ({@code java -cp hearth.jar org.hearth.gateway.cli.NativeLibraries DIR}) and /usr/bin/hearth
 * points the JVM at the folder: Netty looks in {@code java.library.path} before extracting, SQLite
 * takes {@code org.sqlite.lib.path}. A library the jar has none of for this machine (Netty on 32-bit
 * ARM) is left out, and that library does what it did before.
 */
public final class NativeLibraries {

    /** The file name /usr/bin/hearth gives SQLite in {@code org.sqlite.lib.name}. */
    public static final String SQLITE = "libsqlitejdbc.so";

    private NativeLibraries() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp hearth.jar " + NativeLibraries.class.getName() + " DIR");
            System.exit(ExitCode.USAGE);
        }
        for (Path written : extract(Path.of(args[0]))) {
            System.out.println(written);
        }
    }

    /** Writes the libraries into {@code dir} (created if needed), each by a rename, and returns them. */
    static List<Path> extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        String netty = "libnetty_transport_native_epoll_" + PlatformDependent.normalizedArch() + ".so";
        copy("META-INF/native/" + netty, dir.resolve(netty), written);
        copy("org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + SQLITE,
                dir.resolve(SQLITE), written);
        return written;
    }

    private static void copy(String resource, Path target, List<Path> written) throws IOException {
        try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(target);
        }
    }
}
