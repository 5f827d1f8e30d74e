package org.hearth.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Unknown devices seen on the network (first seen, last seen, address, MAC, hostname), for the admin
 * API. Touched by every question from an unknown device, so a device already known with the same
 * address and hostname costs a map read and one store of the time, and bounded: past
 * {@code capacity}, the device seen longest ago is forgotten.
 *
 * <p>That store is unconditional on purpose. The registry used to skip it unless a minute had
 * passed: a branch that first went the other way a minute after start, after the JIT had compiled
 * the question's path without it, so the whole compiled path was thrown away and compiled again
 * while questions waited (-XX:+LogCompilation: 28 to 44 ms of C2 on the one core, in the
 * benchmark's latency windows). The minute now only decides when the file is written.
 */
public final class DeviceRegistry {

    /** Last-seen times closer than this to the saved ones are not worth rewriting the file for. */
    private static final Duration RESOLUTION = Duration.ofMinutes(1);

    private final ConcurrentHashMap<String, Entry> devices = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** alerts: told once per device id not remembered before; runs on the event loop, so it only queues. */
    private volatile Consumer<SeenDevice> firstSeen = device -> {};

    public DeviceRegistry(int capacity) {
        this.capacity = capacity;
    }

    /** Records that an unknown device asked; cheap when nothing but the time changed. */
    public void seen(String id, long nowMillis, String ip, String mac, String hostname) {
        Entry known = devices.get(id);
        if (known != null && same(known.ip, ip) && same(known.hostname, hostname)) {
            known.lastSeenMillis = nowMillis;
            return;
        }
        changed(id, known, nowMillis, ip, mac, hostname);
    }

    private void changed(String id, Entry old, long nowMillis, String ip, String mac, String hostname) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        Entry fresh = new Entry(id, now, nowMillis, ip, mac, hostname);
        boolean added = old == null && devices.putIfAbsent(id, fresh) == null;
        if (!added) {
            devices.merge(id, fresh, (was, update) -> new Entry(id, was.firstSeen, nowMillis,
                    ip != null ? ip : was.ip, mac != null ? mac : was.mac, hostname != null ? hostname : was.hostname));
        }
        dirty.set(true);
        if (added) {
            firstSeen.accept(fresh.snapshot());
        }
        if (old == null && devices.size() > capacity) {
            devices.values().stream().min(Comparator.comparingLong(e -> e.lastSeenMillis))
                    .ifPresent(oldest -> devices.remove(oldest.id, oldest));
        }
    }

    /** alerts: whom to tell of a device seen for the first time (one listener; the alert service). */
    public void onFirstSeen(Consumer<SeenDevice> listener) {
        this.firstSeen = listener;
    }

    /** Every device remembered, most recently seen first. */
    public List<SeenDevice> all() {
        List<SeenDevice> list = new ArrayList<>(devices.size());
        for (Entry e : devices.values()) {
            list.add(e.snapshot());
        }
        list.sort(Comparator.comparing(SeenDevice::lastSeen).reversed());
        return list;
    }

    /** Replaces the contents (when loading the saved file at start). */
    public void load(Collection<SeenDevice> saved) {
        devices.clear();
        for (SeenDevice d : saved) {
            devices.put(d.id(), new Entry(d.id(), d.firstSeen(), d.lastSeen().toEpochMilli(), d.ip(), d.mac(),
                    d.hostname()));
        }
    }

    /**
     * Whether the file is worth writing since the last call: a device was added, changed or
     * forgotten, or one was seen a {@link #RESOLUTION} or more after the time last taken for it.
     * For the saver's thread.
     */
    public boolean takeDirty() {
        return takeDirty(RESOLUTION);
    }

    /** As {@link #takeDirty()}, with any newer time counting: for the last save, at close. */
    public boolean takeAnyChange() {
        return takeDirty(Duration.ZERO);
    }

    private boolean takeDirty(Duration resolution) {
        boolean changed = dirty.getAndSet(false);
        long least = Math.max(1, resolution.toMillis());
        for (Entry e : devices.values()) {
            if (e.lastSeenMillis - e.takenMillis >= least) {
                changed = true;
                break;
            }
        }
        if (changed) {
            for (Entry e : devices.values()) {
                e.takenMillis = e.lastSeenMillis;
            }
        }
        return changed;
    }

    public void forget(String id) {
        if (devices.remove(id) != null) {
            dirty.set(true);
        }
    }

    private static boolean same(String a, String b) {
        return b == null || b.equals(a);
    }

    /** A device as kept here: all final but the last-seen time, which every question stores. */
    private static final class Entry {
        final String id;
        final Instant firstSeen;
        final String ip;
        final String mac;
        final String hostname;
        /** Volatile: a long is written in two halves on a 32-bit JVM (the Pi's armhf) otherwise. */
        volatile long lastSeenMillis;
        /** The last-seen time when the saver last took the registry; the saver's thread only. */
        long takenMillis;

        Entry(String id, Instant firstSeen, long lastSeenMillis, String ip, String mac, String hostname) {
            this.id = id;
            this.firstSeen = firstSeen;
            this.lastSeenMillis = lastSeenMillis;
            this.takenMillis = lastSeenMillis;
            this.ip = ip;
            this.mac = mac;
            this.hostname = hostname;
        }

        SeenDevice snapshot() {
            return new SeenDevice(id, firstSeen, Instant.ofEpochMilli(lastSeenMillis), ip, mac, hostname);
        }
    }
}
