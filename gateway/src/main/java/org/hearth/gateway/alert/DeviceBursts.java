package org.hearth.gateway.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule's sliding window per device: {@code threshold} events within {@code window} raise an alert
 * carrying the names of those events, and then that device is quiet for this rule for one window (one
 * alert per device per rule per window). Used from the alert thread only.
 */
final class DeviceBursts {

    /** More devices than a school has; past it the device idle longest is forgotten. */
    static final int MAX_DEVICES = 8192;

    private record Event(Instant time, String name, List<String> categories) {}

    /** The distinct names and categories of the events that crossed the threshold. */
    record Burst(List<String> names, List<String> categories, int events) {}

    private static final class State {
        final Deque<Event> events = new ArrayDeque<>();
        Instant quietUntil = Instant.MIN;
    }

    private final int threshold;
    private final Duration window;
    private final Map<String, State> devices = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_DEVICES;
        }
    };

    DeviceBursts(int threshold, Duration window) {
        this.threshold = threshold;
        this.window = window;
    }

    /** Counts one event; returns the burst when this event completes one. */
    Optional<Burst> add(String device, Instant time, String name, List<String> categories) {
        State state = devices.computeIfAbsent(device, d -> new State());
        if (time.isBefore(state.quietUntil)) {
            return Optional.empty(); // already alerted in this window: deduplicated, not counted
        }
        Instant from = time.minus(window);
        while (!state.events.isEmpty() && !state.events.peekFirst().time().isAfter(from)) {
            state.events.pollFirst();
        }
        state.events.addLast(new Event(time, name, categories));
        if (state.events.size() < threshold) {
            // Never more than a threshold's worth: the window only needs to know when it is reached.
            return Optional.empty();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Event e : state.events) {
            names.add(e.name());
            seen.addAll(e.categories());
        }
        int events = state.events.size();
        state.events.clear();
        state.quietUntil = time.plus(window);
        return Optional.of(new Burst(new ArrayList<>(names), new ArrayList<>(seen), events));
    }
}
