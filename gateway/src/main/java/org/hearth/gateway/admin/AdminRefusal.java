package org.hearth.gateway.admin;

import java.util.List;

/**
 * A request the admin API turns down: the HTTP status, a message in English, and for what a parent
 * can meet in the UI a stable {@code code} that the page shows in the reader's language instead.
 */
public class AdminRefusal extends RuntimeException {

    public static final String SIGN_IN_FIRST = "sign-in-first";
    public static final String RELOAD = "reload";
    public static final String WRONG_PASSWORD = "wrong-password";
    public static final String WRONG_CURRENT_PASSWORD = "wrong-current-password";
    public static final String WRONG_SETUP_CODE = "wrong-setup-code";
    public static final String SETUP_DONE = "setup-done";
    public static final String NO_PASSWORD_YET = "no-password-yet";
    public static final String WEAK_PASSWORD = "weak-password";
    public static final String TOO_MANY_ATTEMPTS = "too-many-attempts";
    public static final String BUSY = "busy";
    public static final String NOT_ALLOWED = "not-allowed";
    /** Every code; the UI has a text for each in every language (a test checks). */
    public static final List<String> CODES = List.of(SIGN_IN_FIRST, RELOAD, WRONG_PASSWORD, WRONG_CURRENT_PASSWORD,
            WRONG_SETUP_CODE, SETUP_DONE, NO_PASSWORD_YET, WEAK_PASSWORD, TOO_MANY_ATTEMPTS, BUSY, NOT_ALLOWED);

    private final int status;
    private final String code;

    /** A refusal only a developer or a script meets (bad query parameters): English is enough. */
    public AdminRefusal(int status, String message) {
        this(status, null, message);
    }

    public AdminRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** One of {@link #CODES}, or null. */
    public String code() {
        return code;
    }

    /** Too many wrong passwords from this client: answered 429 with Retry-After. */
    public static final class TooManyAttempts extends AdminRefusal {
        private final long retryAfterSeconds;

        public TooManyAttempts(long retryAfterSeconds) {
            super(429, TOO_MANY_ATTEMPTS, "too many wrong attempts; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
