package org.hearth.gateway.policy;

import java.time.Instant;

/**
 * A device that asked but matches no configured device: remembered so an admin can name it and give
 * it a profile. {@code id} is "mac:..." when its MAC is known, else "ip:...".
 */
public record SeenDevice(String id, Instant firstSeen, Instant lastSeen, String ip, String mac, String hostname) {}
