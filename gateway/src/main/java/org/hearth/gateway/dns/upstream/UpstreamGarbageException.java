package org.hearth.gateway.dns.upstream;

/** A reply carried our query ID but was not a DNS message dnsjava could read. */
public class UpstreamGarbageException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    public UpstreamGarbageException(String message, Throwable cause) {
        super(message, cause);
    }
}
