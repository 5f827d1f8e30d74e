package org.hearth.gateway.alert;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hearth.gateway.background.BackgroundThreads;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.BlockListener;
import org.hearth.gateway.policy.Decision;
import org.hearth.gateway.policy.Reason;
import org.hearth.gateway.policy.SeenDevice;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts for parents and teachers (gateway/ALERTS.md): told of blocks, unblock requests and new
 * devices, it raises alerts by the rules of {@code alerts:} and delivers them by e-mail, webhook and
 * push through an outbox in hearth.db. The DNS path only queues (bounded; a full queue drops and
 * counts); one thread of its own judges, stores and sends, so no send ever waits on an event loop.
 */
public final class Alerts implements BlockListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    static final int QUEUE = 4096;
    static final Duration TICK = Duration.ofSeconds(1);
    /** Finished deliveries are kept this long for the admin page, then deleted. */
    static final Duration KEEP = Duration.ofDays(30);
    /** Shutdown must stay quick (systemd, tests); a slow SMTP server would otherwise hold it 10 s and more. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final Clock clock;
    private final LogQueries log;
    private final AlertPipeline pipeline;
    private final HttpPost http;
    private final BlockingQueue<AlertEvent> events = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private final ScheduledExecutorService thread;
    private volatile AlertSetup setup;

    private Alerts(AlertSetup setup, Clock clock, LogQueries log, HttpPost http, LogDatabase database,
            Duration keep, boolean scheduled) {
        this.pipeline = new AlertPipeline(database, keep.compareTo(KEEP) < 0 ? keep : KEEP);
        this.setup = setup;
        this.http = http;
        this.clock = clock;
        this.log = log;
        this.thread = scheduled
                ? Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("hearth-alerts")) : null;
    }

    /**
     * Opens the outbox in the log's database (hearth.db, which BlockLog created) and starts the alert
     * thread. Deliveries left pending by the last run are sent as they come due. When hearth.db cannot
     * be opened (a read-only or full data folder) this still starts, logs why, and tries again every
     * half minute; until then events wait in the bounded queue (drops are counted).
     *
     * @param config a checked {@code alerts:} section; with no channel nothing is alerted
     * @param clock the wall clock in the box's zone: windows, quiet hours, the weekly summary
     */
    public static Alerts start(AlertsConfig config, LogDatabase database, Clock clock) {
        return start(config, database, KEEP, clock);
    }

    /**
     * As above; finished deliveries (which hold blocked names) are deleted after {@code retention} or
     * 30 days, whichever is shorter: the gateway passes the log's retention.
     */
    public static Alerts start(AlertsConfig config, LogDatabase database, Duration retention, Clock clock) {
        Alerts alerts = open(config, database, retention, clock, null, true);
        alerts.thread.scheduleWithFixedDelay(alerts::tickSafely, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("alerts: channels {}", alerts.setup.channels().keySet());
        return alerts;
    }

    /** For tests: no thread (the test calls {@link #tick}), and channels of its own when given. */
    static Alerts open(AlertsConfig config, LogDatabase database, Clock clock, Map<String, Channel> channels,
            boolean scheduled) {
        return open(config, database, KEEP, clock, channels, scheduled);
    }

    static Alerts open(AlertsConfig config, LogDatabase database, Duration retention, Clock clock,
            Map<String, Channel> channels, boolean scheduled) {
        LogQueries log = new LogQueries(database);
        HttpPost http = new HttpPost();
        AlertSetup setup = channels == null ? AlertSetup.of(config, clock.getZone(), log, http)
                : AlertSetup.of(config, clock.getZone(), log, channels);
        Alerts alerts = new Alerts(setup, clock, log, http, database, retention, scheduled);
        alerts.pipeline.open(clock.instant());
        return alerts;
    }

    /** A new config's {@code alerts:} section, in force for the next event; windows start afresh. */
    public void apply(AlertsConfig config) {
        if (config.equals(setup.config())) {
            return; // a reload of an edit elsewhere in the file: the windows keep counting
        }
        setup = AlertSetup.of(config, clock.getZone(), log, http);
        LOG.info("alerts: config applied, channels {}", setup.channels().keySet());
    }

    /** From the policy, on the event loop: queues the block when a rule may care about it. */
    @Override
    public void blocked(QueryContext query, Decision.Blocked decision) {
        Reason reason = decision.reason();
        boolean canary = reason.kind() == Reason.Kind.CANARY;
        if (!setup.wants(reason.categories(), canary)) {
            return;
        }
        ClientIdentity who = decision.who() != null ? decision.who() : query.identity();
        String ip = query.client().getAddress().getHostAddress();
        String id = who != null && who.deviceId() != null ? who.deviceId() : "ip:" + ip;
        String name = who != null && who.deviceName() != null ? who.deviceName() : id;
        offer(new AlertEvent.Blocked(id, name, query.question().key(), reason.categories(), canary, clock.instant()));
    }

    /**
     * A child asked, on the "why" page, for {@code domain} to be unblocked: the web server calls this.
     * Never blocks; the alert goes out on the alert thread.
     *
     * @param message the child's optional words (null or blank: none)
     */
    public void unblockRequested(String deviceId, String deviceName, String domain, String message) {
        if (!setup.channels().isEmpty()) {
            offer(new AlertEvent.UnblockRequest(deviceId, deviceName == null ? deviceId : deviceName, domain, message,
                    clock.instant()));
        }
    }

    /** A device no config entry names asked for the first time (DeviceRegistry's listener, on the event loop). */
    public void deviceFirstSeen(SeenDevice device) {
        if (!setup.channels().isEmpty()) {
            offer(new AlertEvent.NewDevice(device.id(), device.ip(), device.mac(), device.hostname(),
                    device.firstSeen()));
        }
    }

    /** The {@code alerts:} section in force with its secrets replaced: for the admin API. */
    public AlertsConfig redactedConfig() {
        return setup.config().redacted();
    }

    /** The newest deliveries with their status, newest first. */
    public List<Delivery> recentDeliveries(int limit) throws SQLException {
        return pipeline.recent(Math.max(1, Math.min(limit, 1000)));
    }

    /**
     * Deletes the alerts one device raised, sent or not (its data is being deleted, as LOG.md's
     * device export and delete do for the log). Runs on the alert thread, which owns the outbox.
     *
     * @return how many deliveries were deleted
     */
    public int deleteDevice(String deviceId) throws SQLException {
        if (thread == null) {
            return pipeline.deleteDevice(deviceId);
        }
        try {
            return thread.submit(() -> pipeline.deleteDevice(deviceId)).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while deleting the alerts of " + deviceId, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SQLException("the alert thread is busy (a slow channel); try again", e);
        }
    }

    /** Events waiting for the alert thread. */
    public int queued() {
        return events.size();
    }

    /** Rounds the alert thread finished: a test waits for one to pass after its events were queued. */
    public long rounds() {
        return rounds.get();
    }

    /** Events dropped because the queue was full (a flood of blocks while a send waited). */
    public long dropped() {
        return dropped.get();
    }

    /** The outcome of a test alert on one channel. */
    public record TestResult(String channel, boolean delivered, String error) {}

    /**
     * Sends a test alert to every channel now, on the caller's thread (the admin API's, never an event
     * loop), bypassing the outbox and quiet hours: the admin wants to know at once whether it arrives.
     */
    public List<TestResult> sendTest() {
        Alert alert = AlertTexts.test(clock.instant());
        List<TestResult> results = new ArrayList<>();
        for (Channel channel : setup.channels().values()) {
            try {
                channel.send(alert, UUID.randomUUID().toString());
                results.add(new TestResult(channel.name(), true, null));
            } catch (DeliveryException e) {
                results.add(new TestResult(channel.name(), false, e.getMessage()));
            }
        }
        return results;
    }

    private void offer(AlertEvent event) {
        if (!events.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (SQLException | RuntimeException e) {
            // The thread must live on: the next tick retries, and what is in the outbox is not lost.
            LOG.warn("alerts: round failed, retrying: {}", e.toString());
        }
    }

    /** One round: judge queued events, queue alerts, the weekly summary when due, send what is due. */
    void tick() throws SQLException {
        AlertSetup current = setup;
        Instant now = clock.instant();
        try {
            if (!pipeline.open(now)) {
                return; // the events wait in the queue for the outbox
            }
            List<AlertEvent> batch = new ArrayList<>();
            events.drainTo(batch, QUEUE);
            pipeline.run(current, batch, now);
        } finally {
            rounds.incrementAndGet();
        }
    }

    /**
     * Stops the thread and closes the outbox. A send still under way after a few seconds is left to
     * its timeout: its delivery stays pending and goes again, with the same key, at the next start.
     */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    thread.shutdownNow();
                    // The connection is the busy thread's; closing it under a statement would race.
                    LOG.warn("alerts: a send was still under way at close; it is sent again at the next start");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.shutdownNow();
                return;
            }
        }
        try {
            pipeline.close();
        } catch (SQLException e) {
            LOG.warn("alerts: closing the outbox: {}", e.getMessage());
        }
    }
}
