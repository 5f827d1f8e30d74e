package org.hearth.gateway.dns.upstream;

/** No matching answer arrived in time. */
public class UpstreamTimeoutException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    public UpstreamTimeoutException(String message) {
        super(message);
    }
}
