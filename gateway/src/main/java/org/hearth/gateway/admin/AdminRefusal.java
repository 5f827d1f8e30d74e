package org.hearth.gateway.admin;

/** A request the admin API turns down, with the HTTP status and a message the UI can show as it is. */
public class AdminRefusal extends RuntimeException {

    private final int status;

    public AdminRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Too many wrong passwords from this client: answered 429 with Retry-After. */
    public static final class TooManyAttempts extends AdminRefusal {
        private final long retryAfterSeconds;

        public TooManyAttempts(long retryAfterSeconds) {
            super(429, "too many wrong attempts; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
