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
 * API. Touched on the hot path, so it is a concurrent map updated at most once a minute per device,
 * and bounded: past {@code capacity}, the device seen longest ago is forgotten.
 */
public final class DeviceRegistry {

    /** Finer last-seen times are not worth a map write per query. */
    private static final Duration RESOLUTION = Duration.ofMinutes(1);

    private final ConcurrentHashMap<String, SeenDevice> devices = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** alerts: told once per device id not remembered before; runs on the event loop, so it only queues. */
    private volatile Consumer<SeenDevice> firstSeen = device -> {};

    public DeviceRegistry(int capacity) {
        this.capacity = capacity;
    }

    /** Records that an unknown device asked; cheap when nothing changed. */
    public void seen(String id, Instant now, String ip, String mac, String hostname) {
        SeenDevice old = devices.get(id);
        if (old != null && old.lastSeen().plus(RESOLUTION).isAfter(now) && same(old.ip(), ip)
                && same(old.hostname(), hostname)) {
            return;
        }
        SeenDevice fresh = new SeenDevice(id, now, now, ip, mac, hostname);
        boolean added = old == null && devices.putIfAbsent(id, fresh) == null;
        if (!added) {
            devices.merge(id, fresh, (was, update) -> new SeenDevice(id, was.firstSeen(), now, ip,
                    mac != null ? mac : was.mac(), hostname != null ? hostname : was.hostname()));
        }
        dirty.set(true);
        if (added) {
            firstSeen.accept(fresh);
        }
        if (old == null && devices.size() > capacity) {
            devices.values().stream().min(Comparator.comparing(SeenDevice::lastSeen))
                    .ifPresent(oldest -> devices.remove(oldest.id(), oldest));
        }
    }

    /** alerts: whom to tell of a device seen for the first time (one listener; the alert service). */
    public void onFirstSeen(Consumer<SeenDevice> listener) {
        this.firstSeen = listener;
    }

    /** Every device remembered, most recently seen first. */
    public List<SeenDevice> all() {
        List<SeenDevice> list = new ArrayList<>(devices.values());
        list.sort(Comparator.comparing(SeenDevice::lastSeen).reversed());
        return list;
    }

    /** Replaces the contents (when loading the saved file at start). */
    public void load(Collection<SeenDevice> saved) {
        devices.clear();
        for (SeenDevice d : saved) {
            devices.put(d.id(), d);
        }
    }

    /** Whether anything changed since the last call: the saver writes the file only then. */
    public boolean takeDirty() {
        return dirty.getAndSet(false);
    }

    public void forget(String id) {
        if (devices.remove(id) != null) {
            dirty.set(true);
        }
    }

    private static boolean same(String a, String b) {
        return b == null || b.equals(a);
    }
}
