package org.hearth.gateway.alert;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hearth.gateway.config.AlertRuleConfig;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.log.LogDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert thread's work, round after round: events to alerts (the rules), alerts to the outbox
 * (quiet hours), the weekly summary when due, then the outbox to the channels, and pruning. Owns the
 * outbox's writer connection, so every method but {@link #recent} runs on the alert thread.
 */
final class AlertPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);
    private static final Duration SUMMARY_CHECK = Duration.ofMinutes(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    static final Duration REOPEN = Duration.ofSeconds(30);

    private final LogDatabase database;
    /** Finished deliveries hold blocked names: never kept longer than the log keeps them. */
    private final Duration keep;
    /** Null until hearth.db could be opened: a data folder that cannot be written must not stop DNS. */
    private volatile Outbox outbox;
    private OutboxSender sender;
    private Instant nextOpen = Instant.MIN;
    private Instant nextSummaryCheck = Instant.MIN;
    private Instant nextPrune = Instant.MIN;
    /** The last week summarised by this run: the outbox would refuse it again, but the log need not be read. */
    private LocalDate summarised;

    AlertPipeline(LogDatabase database, Duration keep) {
        this.database = database;
        this.keep = keep;
    }

    /** Opens the outbox unless it is open; false (logged, retried after a while) when hearth.db cannot be. */
    boolean open(Instant now) {
        Outbox current = outbox;
        if (current != null && !current.stale()) {
            return true;
        }
        if (current != null) {
            // The log found hearth.db corrupt and moved it aside: the outbox goes on in the new file.
            outbox = null;
            try {
                current.close();
            } catch (SQLException e) {
                LOG.debug("closing the moved-aside outbox failed; dropped anyway", e);
            }
        }
        if (now.isBefore(nextOpen)) {
            return false;
        }
        try {
            outbox = Outbox.open(database);
            sender = new OutboxSender(outbox);
            return true;
        } catch (SQLException e) {
            nextOpen = now.plus(REOPEN);
            LOG.error("alerts: cannot open the outbox in {} ({}); alerts wait, trying again in {}s", database.file(),
                    e.getMessage(), REOPEN.toSeconds());
            return false;
        }
    }

    /** One round over an open outbox. */
    void run(AlertSetup current, List<AlertEvent> events, Instant now) throws SQLException {
        for (AlertEvent event : events) {
            for (Alert alert : current.rules().judge(event)) {
                queue(current, alert, current.rules().rule(alert.rule()), now);
            }
        }
        if (!current.channels().isEmpty() && current.config().weeklySummary().enabled()
                && !now.isBefore(nextSummaryCheck)) {
            nextSummaryCheck = now.plus(SUMMARY_CHECK);
            Optional<LocalDate> day = current.weekly().dueDay(now);
            if (day.isPresent() && !day.get().equals(summarised)) {
                queue(current, current.weekly().build(day.get(), now), null, now);
                summarised = day.get();
            }
        }
        sender.sendDue(current.channels(), current.config().delivery(), now);
        if (!now.isBefore(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            outbox.prune(now.minus(keep));
        }
    }

    /** Into the outbox for every channel; quiet hours hold it, drop it or let it through, per rule. */
    private void queue(AlertSetup current, Alert alert, AlertRuleConfig rule, Instant now) throws SQLException {
        String quiet = rule == null ? AlertsConfig.HOLD : rule.quietHours();
        Instant notBefore = now;
        Optional<Instant> quietEnd = current.quietHours().endOf(now);
        if (quietEnd.isPresent() && quiet.equals(AlertsConfig.DROP)) {
            LOG.info("alert {} dropped: quiet hours", alert.key());
            return;
        }
        if (quietEnd.isPresent() && quiet.equals(AlertsConfig.HOLD)) {
            notBefore = quietEnd.get();
        }
        int queued = outbox.enqueue(alert, List.copyOf(current.channels().keySet()), notBefore);
        if (queued > 0) {
            LOG.info("alert {} queued for {}{}", alert.key(), current.channels().keySet(),
                    notBefore.isAfter(now) ? ", held until quiet hours end at " + notBefore : "");
        }
    }

    /** The newest deliveries, from any thread (a read-only connection of its own); none before the outbox opened. */
    List<Delivery> recent(int limit) throws SQLException {
        Outbox open = outbox;
        return open == null ? List.of() : open.recent(limit);
    }

    int deleteDevice(String deviceId) throws SQLException {
        return outbox == null ? 0 : outbox.deleteDevice(deviceId);
    }

    void close() throws SQLException {
        if (outbox != null) {
            outbox.close();
        }
    }
}
