package org.hearth.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;

/**
 * Replaces a config file so that a reader (or a power cut) sees the old file or the new one, never a
 * mix: write a temp file in the same folder, fsync it, keep the old file as {@code hearth.yml.bak},
 * rename over, fsync the folder. The new text must load cleanly first: a bad edit never lands.
 */
public final class ConfigWriter {

    /** Writes the content of the new file; a failure part-way leaves the old file untouched. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** One write at a time in this process, so the .bak is always the file the last write replaced. */
    private static final Object LOCK = new Object();

    private ConfigWriter() {}

    /** Validates {@code yaml} as {@code file}'s new content, then replaces the file. */
    public static LoadedConfig write(Path file, String yaml, List<ConfigCheck> checks)
            throws ConfigException, IOException {
        return write(file, out -> out.write(yaml.getBytes(StandardCharsets.UTF_8)), checks);
    }

    /** Writes a config built in code (the admin UI); comments of a hand-written file are not kept. */
    public static LoadedConfig write(Path file, HearthConfig config, List<ConfigCheck> checks)
            throws ConfigException, IOException {
        return write(file, toYaml(config), checks);
    }

    /** The config as hearth.yml text, durations in their short form. */
    public static String toYaml(HearthConfig config) {
        try {
            return ConfigMapper.yaml().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config records always serialise", e);
        }
    }

    /** The general form: {@code content} streams the new file, which is checked before it replaces the old. */
    public static LoadedConfig write(Path file, Content content, List<ConfigCheck> checks)
            throws ConfigException, IOException {
        synchronized (LOCK) {
            return replace(file, content, checks);
        }
    }

    private static LoadedConfig replace(Path file, Content content, List<ConfigCheck> checks)
            throws ConfigException, IOException {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            copyPermissions(target, temp);
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(out);
            }
            fsync(temp);
            // Relative paths in the new text resolve against the real file's folder, which is the temp's too.
            LoadedConfig checked = ConfigLoader.load(temp, target.getFileName().toString(), checks);
            if (Files.exists(target)) {
                Path backup = dir.resolve(target.getFileName() + ".bak");
                Path backupTemp = Files.createTempFile(dir, "." + backup.getFileName() + ".", ".tmp");
                try {
                    Files.copy(target, backupTemp, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                    fsync(backupTemp);
                    move(backupTemp, backup);
                } finally {
                    Files.deleteIfExists(backupTemp);
                }
            }
            move(temp, target);
            fsyncDirectory(dir);
            return new LoadedConfig(checked.config(), target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically on this file system", e);
        }
    }

    /** A config may later hold secrets (admin password hash): the new file keeps the old one's mode. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename itself durable (POSIX: the directory entry lives in the folder). */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for fsync; the rename is still atomic, only its
            // durability across a power cut is weaker there, which is not worth failing the write for.
        }
    }
}
