package org.hearth.blocklists.index;

import java.io.IOException;
import java.nio.file.Path;

/** A compiled index file that is truncated, corrupt or of another version; it is refused, not used. */
public final class IndexFormatException extends IOException {

    public IndexFormatException(Path file, String problem) {
        super("index file " + file + ": " + problem + " (delete it or run 'hearth lists compile' to rebuild)");
    }
}
