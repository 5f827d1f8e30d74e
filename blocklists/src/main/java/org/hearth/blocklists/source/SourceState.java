package org.hearth.blocklists.source;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

/**
 * What Hearth remembers about one source between runs, kept beside its last good download: the
 * validators for conditional requests, the entry count (to spot a suspiciously short download),
 * and the last success and last error.
 */
public record SourceState(String etag, String lastModified, long entries, Instant lastSuccess, Instant lastAttempt,
        String lastError) {

    public static final SourceState NEW = new SourceState(null, null, 0, null, null, null);

    SourceState succeeded(String etag, String lastModified, long entries, Instant at) {
        return new SourceState(etag, lastModified, entries, at, at, null);
    }

    SourceState notModified(Instant at) {
        return new SourceState(etag, lastModified, entries, at, at, null);
    }

    SourceState failed(String error, Instant at) {
        return new SourceState(etag, lastModified, entries, lastSuccess, at, error);
    }

    static SourceState load(Path file) {
        if (!Files.exists(file)) {
            return NEW;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return NEW; // an unreadable state file only costs one unconditional download
        }
        return new SourceState(p.getProperty("etag"), p.getProperty("lastModified"),
                Long.parseLong(p.getProperty("entries", "0")), instant(p.getProperty("lastSuccess")),
                instant(p.getProperty("lastAttempt")), p.getProperty("lastError"));
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        put(p, "etag", etag);
        put(p, "lastModified", lastModified);
        p.setProperty("entries", Long.toString(entries));
        put(p, "lastSuccess", lastSuccess == null ? null : lastSuccess.toString());
        put(p, "lastAttempt", lastAttempt == null ? null : lastAttempt.toString());
        put(p, "lastError", lastError);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(w, "hearth list source state");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
