package org.hearth.gateway.alert;

import java.time.Instant;

/**
 * One alert's delivery to one channel, as the admin API lists it.
 *
 * @param status pending (waiting for its next attempt, or for quiet hours to end), delivered, or failed
 *     (gave up after alerts.delivery.maxAttempts)
 * @param lastError why the last attempt failed, without secrets; null when none did
 */
public record Delivery(long id, String rule, String device, String channel, String title, Instant created,
        String status, int attempts, Instant nextAttempt, String lastError, Instant delivered) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
