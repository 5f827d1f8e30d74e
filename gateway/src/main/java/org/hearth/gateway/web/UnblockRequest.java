package org.hearth.gateway.web;

import java.time.Instant;

/**
 * A child's request to unblock a site, as stored in hearth.db and shown to the admin.
 *
 * @param device the device's id (as in the log)
 * @param deviceName the name shown to people
 * @param profile the profile the device followed when it asked (what "for the profile" approves)
 * @param domain the normalised name the child asked for
 * @param message the child's words, possibly empty; shown as text only
 * @param reply the parent's word back, possibly empty; the child sees it on the "why" page
 * @param until when an approval for an hour or for today ends; null otherwise
 * @param decidedBy who approved or declined, null while pending
 */
public record UnblockRequest(long id, String device, String deviceName, String profile, String domain,
        String message, Instant created, Status status, String reply, Instant until, String decidedBy) {

    /** Where a request stands. */
    public enum Status {
        PENDING, APPROVED, DECLINED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
