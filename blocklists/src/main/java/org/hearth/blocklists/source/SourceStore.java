package org.hearth.blocklists.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data folder's {@code lists/} directory: per remote source its last good download and its
 * {@link SourceState}, and the compiled index.
 */
public final class SourceStore {

    public static final String INDEX_FILE = "index.hidx";
    private final Path dir;

    public SourceStore(Path listsDir) {
        this.dir = listsDir;
    }

    /** {@code <dataDir>/lists}. */
    public static SourceStore inDataDir(Path dataDir) {
        return new SourceStore(dataDir.resolve("lists"));
    }

    public Path dir() {
        return dir;
    }

    public Path indexFile() {
        return dir.resolve(INDEX_FILE);
    }

    /** The last good download of a remote source (absent until the first one succeeds). */
    public Path rawFile(ListSource source) {
        return dir.resolve("sources").resolve(source.fileStem() + ".list");
    }

    Path stateFile(ListSource source) {
        return dir.resolve("sources").resolve(source.fileStem() + ".state");
    }

    public SourceState state(ListSource source) {
        return SourceState.load(stateFile(source));
    }

    void saveState(ListSource source, SourceState state) throws IOException {
        Files.createDirectories(stateFile(source).getParent());
        state.save(stateFile(source));
    }

    /** The file the compiler reads for a source: the local file, or the last good download. */
    public Path input(ListSource source) {
        return source.remote() ? rawFile(source) : source.localFile();
    }
}
