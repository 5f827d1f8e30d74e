package org.hearth.gateway.admin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 hash of the admin password, stored as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in unpadded base64). The JDK has the
 * algorithm, so the password file needs no extra library; the iteration count travels with the
 * hash so it can be raised later without locking anyone out.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; paid once per login attempt, which the throttle bounds. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String ALGORITHM = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public PasswordHash {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, not " + iterations);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static PasswordHash of(char[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one hashed; the comparison takes the same time wherever they differ. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** The stored form; {@link #parse} reads it back. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return ALGORITHM + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** @throws IllegalArgumentException saying what is wrong, never echoing the stored text */
    public static PasswordHash parse(String stored) {
        String[] parts = stored.strip().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            throw new IllegalArgumentException("not a " + ALGORITHM + "$ITERATIONS$SALT$HASH password hash");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash has an iteration count that is not a number", e);
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        if (salt.length < 8 || hash.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("password hash has a salt or hash of the wrong length");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships PBKDF2WithHmacSHA256 (it is a required algorithm).
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash) + iterations;
    }

    /** Never prints the hash: records print their fields, and logs are read by more people than the admin. */
    @Override
    public String toString() {
        return "PasswordHash[" + ALGORITHM + ", " + iterations + " iterations]";
    }
}
