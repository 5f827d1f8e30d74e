package org.hearth.gateway.alert;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.AlertDeliveryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due in the outbox, one delivery at a time, and books the outcome: delivered, retry
 * later (the wait doubles from retryAfter, at most an hour), or failed after maxAttempts. A delivery
 * is marked delivered only after its channel accepted it; if the process dies in between, the next
 * run sends it again with the same idempotency key, which is how a receiver can tell.
 */
final class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    static final Duration MAX_WAIT = Duration.ofHours(1);
    /** Deliveries per round: a long backlog after an outage is worked off over a few rounds. */
    private static final int BATCH = 50;

    private final Outbox outbox;

    OutboxSender(Outbox outbox) {
        this.outbox = outbox;
    }

    /** One round over the due deliveries. */
    void sendDue(Map<String, Channel> channels, AlertDeliveryConfig delivery, Instant now) throws SQLException {
        List<Outbox.Pending> due = outbox.due(now, BATCH);
        for (Outbox.Pending pending : due) {
            int attempts = pending.attempts() + 1;
            Channel channel = channels.get(pending.channel());
            if (channel == null) {
                outbox.failed(pending.id(), pending.attempts(), pending.channel() + " is no longer configured");
                continue;
            }
            try {
                channel.send(pending.alert(), pending.idempotencyKey());
                outbox.delivered(pending.id(), attempts, now);
                LOG.info("alert {} delivered by {}", pending.alert().key(), pending.channel());
            } catch (DeliveryException e) {
                if (attempts >= delivery.maxAttempts()) {
                    outbox.failed(pending.id(), attempts, e.getMessage());
                    LOG.error("alert {} not delivered by {}, gave up after {} attempts: {}", pending.alert().key(),
                            pending.channel(), attempts, e.getMessage());
                } else {
                    Instant next = now.plus(wait(delivery.retryAfter(), attempts));
                    outbox.retry(pending.id(), attempts, next, e.getMessage());
                    LOG.warn("alert {} not delivered by {} (attempt {}), next try at {}: {}", pending.alert().key(),
                            pending.channel(), attempts, next, e.getMessage());
                }
            }
        }
    }

    /** retryAfter, then twice that, four times... capped at an hour. */
    static Duration wait(Duration first, int failedAttempts) {
        Duration wait = first;
        for (int i = 1; i < failedAttempts && wait.compareTo(MAX_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
