package org.hearth.gateway.web;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.background.BackgroundThreads;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.manage.ConfigEditor;
import org.hearth.gateway.policy.DomainNames;
import org.hearth.gateway.policy.TemporaryAllow;
import org.hearth.gateway.policy.TemporaryAllows;
import org.hearth.gateway.query.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation between child and parent (gateway/WEB.md): a child asks to unblock a site, a
 * parent approves it for an hour, for today or always, or declines with a word back. Requests and
 * temporary allows live in hearth.db; the allows in force are published to the policy's
 * {@link TemporaryAllows} after every change and at start. Every decision is in the audit trail.
 */
public final class UnblockRequests implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnblockRequests.class);
    /** Enough for a child with a real need; too few to flood a parent's phone with alerts. */
    public static final int PER_HOUR = 5;
    public static final int PER_DAY = 20;
    /** A sentence or two; longer is not a message to a parent. */
    public static final int MAX_MESSAGE = 300;
    public static final int MAX_REPLY = 300;
    /** Requests (and the replies in them) are kept this long, then forgotten. */
    static final Duration KEEP = Duration.ofDays(90);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    /** What came of a child's request. */
    public sealed interface Asked {
        /** Stored; the parent will see it. */
        record Accepted(UnblockRequest request) implements Asked {}

        /** The same site is already waiting for an answer: not stored twice. */
        record AlreadyAsked(UnblockRequest request) implements Asked {}

        /** Over {@link #PER_HOUR} or {@link #PER_DAY}: not stored. */
        record TooMany() implements Asked {}
    }

    private final RequestTable table;
    private final TemporaryAllows allows;
    private final ConfigEditor editor;
    private final Clock clock;
    private final List<UnblockRequestListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService background;

    private UnblockRequests(RequestTable table, TemporaryAllows allows, ConfigEditor editor, Clock clock) {
        this.table = table;
        this.allows = allows;
        this.editor = editor;
        this.clock = clock;
        this.background = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("hearth-requests"));
    }

    /**
     * Opens the tables in hearth.db, puts the allows still running into force and starts pruning.
     *
     * @param editor adds "always" approvals to hearth.yml and records every decision in the audit trail
     */
    public static UnblockRequests open(LogDatabase database, TemporaryAllows allows, ConfigEditor editor,
            Clock clock) {
        UnblockRequests requests = new UnblockRequests(new RequestTable(database), allows, editor, clock);
        try {
            requests.publish();
        } catch (SQLException e) {
            // DNS comes first: a data folder that cannot be written costs the requests, not the network.
            LOG.error("unblock requests and temporary allows not available ({}); DNS keeps serving, each request"
                    + " tries again", e.getMessage());
        }
        requests.background.scheduleWithFixedDelay(requests::prune, PRUNE_EVERY.toMinutes(), PRUNE_EVERY.toMinutes(),
                TimeUnit.MINUTES);
        return requests;
    }

    /**
     * Puts the temporary allows still running into force, before the gateway answers its first
     * question; {@link #open} does it again. A hearth.db that cannot be read is logged: DNS first.
     */
    public static void loadAllows(LogDatabase database, TemporaryAllows allows, Clock clock) {
        try {
            allows.publish(new RequestTable(database).liveAllows(clock.instant()));
        } catch (SQLException e) {
            LOG.error("temporary allows not loaded ({}); DNS keeps serving without them", e.getMessage());
        }
    }

    /** Called for each new request, on this object's own thread (the lead wires alerts here). */
    public void addListener(UnblockRequestListener listener) {
        listeners.add(listener);
    }

    /**
     * A child asks for {@code domain} from the device {@code who}.
     *
     * @throws IllegalArgumentException when {@code domain} is not a domain name
     */
    public synchronized Asked ask(ClientIdentity who, String domain, String message) throws SQLException {
        String name = DomainNames.normalise(domain);
        String words = clean(message, MAX_MESSAGE);
        Instant now = clock.instant();
        for (UnblockRequest earlier : table.ofDevice(who.deviceId(), now.minus(Duration.ofDays(1)), PER_DAY)) {
            if (earlier.status() == UnblockRequest.Status.PENDING && earlier.domain().equals(name)) {
                return new Asked.AlreadyAsked(earlier);
            }
        }
        if (table.countSince(who.deviceId(), now.minus(Duration.ofHours(1))) >= PER_HOUR
                || table.countSince(who.deviceId(), now.minus(Duration.ofDays(1))) >= PER_DAY) {
            LOG.info("unblock request from \"{}\" for {} refused: over {} an hour or {} a day", who.deviceName(), name,
                    PER_HOUR, PER_DAY);
            return new Asked.TooMany();
        }
        String deviceName = who.deviceName() == null ? who.deviceId() : who.deviceName();
        long id = table.insert(who.deviceId(), deviceName, who.profileName(), name, words, now);
        UnblockRequest request = table.find(id).orElseThrow();
        LOG.info("unblock request {} from \"{}\" for {}", id, deviceName, name);
        for (UnblockRequestListener listener : listeners) {
            background.execute(() -> {
                try {
                    listener.requested(who.deviceId(), deviceName, name, words);
                } catch (RuntimeException e) {
                    LOG.warn("unblock request listener failed for request {}", id, e);
                }
            });
        }
        return new Asked.Accepted(request);
    }

    /** Newest first: the pending ones, or all (decided ones too), at most {@code limit}. */
    public List<UnblockRequest> list(boolean pendingOnly, int limit) throws SQLException {
        return table.list(pendingOnly, Math.max(1, Math.min(limit, 1_000)));
    }

    /** One device's requests since {@code since}, newest first: all the child's page shows. */
    public List<UnblockRequest> ofDevice(String deviceId, Instant since) throws SQLException {
        return table.ofDevice(deviceId, since, 50);
    }

    /**
     * Approves a pending request: for an hour or today as a temporary allow, always through hearth.yml.
     *
     * @param who the signed-in user, for the audit trail
     * @throws RequestRefusal 404 no such request, 409 already decided, 400 the profile is not in hearth.yml
     * @throws ConfigException when the edited config fails a check (nothing is written or decided then)
     */
    public synchronized UnblockRequest approve(long id, Approval approval, String who)
            throws RequestRefusal, SQLException, ConfigException, IOException {
        UnblockRequest request = pending(id);
        Instant until = approval.period().until(clock);
        String whom = approval.scope() == Approval.Scope.DEVICE ? "device \"" + request.deviceName() + "\""
                : "profile \"" + request.profile() + "\"";
        if (until == null) {
            if (!editor.current().config().profiles().containsKey(request.profile())) {
                throw new RequestRefusal(400, "profile \"" + request.profile() + "\" is not in hearth.yml;"
                        + " approve for the device, or add the site to a profile by hand");
            }
            ConfigEditor.Outcome outcome = editor.edit(who, "approved unblock request " + id + " for always",
                    config -> AllowListEdit.withAllowed(config, request.profile(), request.domain()));
            if (!outcome.problems().isEmpty()) {
                LOG.warn("hearth.yml now allows {} for profile \"{}\", but the running policy did not take it: {}",
                        request.domain(), request.profile(), outcome.problems());
            }
            decide(request, UnblockRequest.Status.APPROVED, "", null, who, null);
        } else {
            TemporaryAllow allow = new TemporaryAllow(0, request.domain(),
                    approval.scope() == Approval.Scope.DEVICE ? request.device() : null,
                    approval.scope() == Approval.Scope.PROFILE ? request.profile() : null, until);
            decide(request, UnblockRequest.Status.APPROVED, "", until, who, allow);
            editor.audit().record(who, "approved unblock request " + id, List.of(request.domain() + " allowed for "
                    + whom + " until " + until + " (asked by \"" + request.deviceName() + "\")"));
        }
        return table.find(id).orElseThrow();
    }

    /**
     * Declines a pending request; {@code reply} (optional) is shown to the child.
     *
     * @throws RequestRefusal 404 no such request, 409 already decided
     */
    public synchronized UnblockRequest decline(long id, String reply, String who) throws RequestRefusal, SQLException {
        UnblockRequest request = pending(id);
        String words = clean(reply, MAX_REPLY);
        decide(request, UnblockRequest.Status.DECLINED, words, null, who, null);
        editor.audit().record(who, "declined unblock request " + id, List.of(request.domain() + " for \""
                + request.deviceName() + "\"" + (words.isEmpty() ? "" : ", reply: " + words)));
        return table.find(id).orElseThrow();
    }

    /** The temporary allows in force, soonest end first. */
    public List<TemporaryAllow> allows() throws SQLException {
        return table.liveAllows(clock.instant());
    }

    /**
     * Ends a temporary allow now.
     *
     * @throws RequestRefusal 404 when there is no such allow
     */
    public synchronized void endAllow(long id, String who) throws RequestRefusal, SQLException {
        TemporaryAllow allow = allows.all().stream().filter(a -> a.id() == id).findFirst().orElse(null);
        if (!table.deleteAllow(id)) {
            throw new RequestRefusal(404, "no temporary allow " + id);
        }
        publish();
        editor.audit().record(who, "ended temporary allow " + id,
                List.of(allow == null ? "allow " + id : allow.domain() + " no longer allowed for "
                        + (allow.deviceId() != null ? "device \"" + allow.deviceId() + "\""
                                : "profile \"" + allow.profile() + "\"")));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    private UnblockRequest pending(long id) throws RequestRefusal, SQLException {
        UnblockRequest request = table.find(id).orElseThrow(() -> new RequestRefusal(404, "no request " + id));
        if (request.status() != UnblockRequest.Status.PENDING) {
            throw new RequestRefusal(409, "request " + id + " was already " + request.status().id());
        }
        return request;
    }

    private void decide(UnblockRequest request, UnblockRequest.Status status, String reply, Instant until, String who,
            TemporaryAllow allow) throws RequestRefusal, SQLException {
        if (!table.decide(request.id(), status, reply, until, who, allow)) {
            throw new RequestRefusal(409, "request " + request.id() + " was decided meanwhile");
        }
        if (allow != null) {
            publish();
        }
    }

    /** Reads the allows in force from hearth.db and hands them to the policy whole. */
    private void publish() throws SQLException {
        allows.publish(table.liveAllows(clock.instant()));
    }

    private void prune() {
        try {
            Instant now = clock.instant();
            table.prune(now, now.minus(KEEP));
            publish();
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; an ended allow stops counting by its own end time meanwhile.
            LOG.warn("pruning unblock requests failed: {}", e.toString());
        }
    }

    /** Plain text on one line, without control characters, at most {@code max} characters. */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String out = sb.toString().replaceAll("\\s+", " ").strip();
        // Cut by code points, so a Khmer or emoji character is never split in half.
        return out.codePointCount(0, out.length()) <= max ? out : out.substring(0, out.offsetByCodePoints(0, max));
    }
}
