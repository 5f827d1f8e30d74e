package org.hearth.gateway.dns;

/** A DNS message whose bytes do not follow RFC 1035's wire format; the reason says where. */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String reason) {
        super(reason);
    }

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
