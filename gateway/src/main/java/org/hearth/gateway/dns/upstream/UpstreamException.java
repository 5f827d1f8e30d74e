package org.hearth.gateway.dns.upstream;

/** An upstream did not give a usable answer to one query. */
public class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UpstreamException(String message) {
        super(message, null, false, false); // no stack trace: these are expected and frequent
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
