package org.hearth.gateway.admin;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hashes and checks passwords one at a time. PBKDF2 is slow on purpose; on a box with 2-4 cores
 * that also answer DNS, many clients sending passwords at once must cost one core at most, not all.
 * A sign-in with a name that has no account is checked against a decoy hash, so it takes as long as
 * a wrong password and the answer's timing does not tell which names exist.
 */
final class PasswordHashing {

    /** A few hashes' time: a parent who signs in while another browser does waits instead of failing. */
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(5);

    private final Semaphore gate = new Semaphore(1, true);
    private final int iterations;
    private final SecureRandom random;
    private volatile PasswordHash decoy;

    PasswordHashing(int iterations, SecureRandom random) {
        this.iterations = iterations;
        this.random = random;
    }

    /** A new hash of {@code password}; the caller has checked it is not weak. */
    PasswordHash hash(char[] password) {
        return gated(() -> PasswordHash.of(password, iterations, random));
    }

    /** Whether {@code password} matches {@code hash}; false, after the same work, when there is none. */
    boolean matches(Optional<PasswordHash> hash, char[] password) {
        return gated(() -> {
            if (password.length > AdminPassword.MAX_LENGTH) {
                return false;
            }
            if (hash.isEmpty()) {
                decoy().matches(password);
                return false;
            }
            return hash.get().matches(password);
        });
    }

    /**
     * Random salt and random "hash": no password matches it, and making it costs nothing, so even the
     * first unknown name takes exactly one derivation, as a wrong password does.
     */
    private PasswordHash decoy() {
        PasswordHash made = decoy;
        if (made == null) {
            byte[] salt = new byte[16];
            byte[] hash = new byte[32];
            random.nextBytes(salt);
            random.nextBytes(hash);
            made = new PasswordHash(iterations, salt, hash);
            decoy = made;
        }
        return made;
    }

    private <T> T gated(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = gate.tryAcquire(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new AdminRefusal(503, AdminRefusal.BUSY, "busy checking other passwords; try again in a moment");
        }
        try {
            return work.get();
        } finally {
            gate.release();
        }
    }
}
