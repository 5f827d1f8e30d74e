package org.hearth.gateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The one-time code that first-run setup asks for before it accepts a password. Without it, the
 * first person on the network to open the admin page would own the box; with it, only someone who
 * can read the box's console or data folder can. The code is written to a file readable by the
 * gateway's user only (the Pi image prints it on the console) and is deleted once a password is set.
 */
public final class SetupCode {

    public static final String FILE_NAME = "admin-setup-code";
    /** No 0/O, 1/I/L: the code is read off a screen and typed by a parent. */
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    /** 12 symbols of 31: about 59 bits, out of reach at the throttle's few guesses per quarter hour. */
    private static final int LENGTH = 12;

    private final Path file;
    private final String code;

    private SetupCode(Path file, String code) {
        this.file = file;
        this.code = code;
    }

    /** Makes a fresh code and writes it to {@code dataDir}, replacing any code of an earlier run. */
    public static SetupCode create(Path dataDir, SecureRandom random) throws IOException {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Path file = dataDir.resolve(FILE_NAME);
        Files.createDirectories(dataDir);
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, code + "\n", StandardCharsets.US_ASCII);
        return new SetupCode(file, code.toString());
    }

    /** Whether {@code typed} is the code, ignoring case, spaces and dashes a person may add. */
    public boolean matches(String typed) {
        if (typed == null) {
            return false;
        }
        String normalised = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(normalised.getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII));
    }

    /** Deletes the file once the password is set: the code is spent. */
    public void discard() throws IOException {
        Files.deleteIfExists(file);
    }

    public Path file() {
        return file;
    }

    /** Never prints the code itself. */
    @Override
    public String toString() {
        return "SetupCode[" + file + "]";
    }
}
