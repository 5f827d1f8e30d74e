package org.hearth.gateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The admin password, kept as a {@link PasswordHash} in one file of the data folder, readable by
 * the gateway's user only. Not in hearth.yml: the config is hand-edited, backed up and pasted into
 * help requests, and a hash there would travel with it.
 */
public final class AdminPassword {

    public static final String FILE_NAME = "admin-password";
    /** Long enough that the throttle's few guesses per quarter hour never come close. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    private final Path file;
    private final int iterations;
    private final SecureRandom random;
    private volatile PasswordHash current;

    private AdminPassword(Path file, int iterations, SecureRandom random, PasswordHash current) {
        this.file = file;
        this.iterations = iterations;
        this.random = random;
        this.current = current;
    }

    /**
     * Reads the password file in {@code dataDir}, if there is one.
     *
     * @throws IOException naming the file when it exists but cannot be read or is not a hash: the
     *     admin UI then stays closed rather than falling back to first-run setup, which would let
     *     anyone on the network choose a new password
     */
    public static AdminPassword load(Path dataDir, int iterations, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        PasswordHash hash = null;
        if (Files.exists(file)) {
            try {
                hash = PasswordHash.parse(Files.readString(file, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage()
                        + " (delete the file to set a new password through first-run setup)", e);
            }
        }
        return new AdminPassword(file, iterations, random, hash);
    }

    public boolean isSet() {
        return current != null;
    }

    /** Whether {@code password} is the admin password; false while none is set. */
    public boolean check(char[] password) {
        PasswordHash hash = current;
        return hash != null && password.length <= MAX_LENGTH && hash.matches(password);
    }

    /** Why {@code password} cannot be the admin password, or empty when it can. */
    public static Optional<String> weakness(char[] password) {
        if (password.length < MIN_LENGTH) {
            return Optional.of("the password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length > MAX_LENGTH) {
            return Optional.of("the password can have at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /**
     * Hashes and stores a new password: written beside the old file, then renamed over it, so a
     * crash leaves the old password or the new one, never half of either.
     */
    public synchronized void set(char[] password) throws IOException {
        Optional<String> weakness = weakness(password);
        if (weakness.isPresent()) {
            throw new IllegalArgumentException(weakness.get());
        }
        store(PasswordHash.of(password, iterations, random));
    }

    /** The hash in force, if a password is set. */
    public Optional<PasswordHash> hash() {
        return Optional.ofNullable(current);
    }

    /** Stores a hash made elsewhere (one hash at a time, by the admin server's hashing gate). */
    public synchronized void store(PasswordHash hash) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, hash.encode() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        current = hash;
    }

    public Path file() {
        return file;
    }
}
