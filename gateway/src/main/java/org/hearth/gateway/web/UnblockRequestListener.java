package org.hearth.gateway.web;

/**
 * Told of each new unblock request (the alerts hook). Called on the requests' own thread, never
 * on a DNS event loop nor while the child's page waits; it may take its time, and what it throws
 * is logged and forgotten.
 */
@FunctionalInterface
public interface UnblockRequestListener {

    /**
     * @param deviceId the device's id, as in the log
     * @param deviceName the name shown to people
     * @param domain the site the child asks for
     * @param message the child's words, possibly empty: plain text, never markup
     */
    void requested(String deviceId, String deviceName, String domain, String message);
}
