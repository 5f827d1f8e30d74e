package org.hearth.gateway.alert;

/**
 * Somewhere an alert is sent: e-mail, webhook or push. Called from the alert thread (or the admin
 * API's test), never an event loop; a send may block up to its timeouts.
 */
interface Channel {

    /** "email", "webhook" or "push": the outbox keeps one delivery per alert and channel. */
    String name();

    /**
     * Sends one alert. {@code idempotencyKey} is the same on every retry of this delivery, so a receiver
     * that saw it already can tell (HTTP header, e-mail Message-ID).
     *
     * @throws DeliveryException when it was not accepted; the outbox retries later
     */
    void send(Alert alert, String idempotencyKey) throws DeliveryException;
}
