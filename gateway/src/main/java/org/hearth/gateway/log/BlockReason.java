package org.hearth.gateway.log;

/** Why a lookup was blocked; stored by name, so constants may be added but never renamed. */
public enum BlockReason {
    /** The name is on a list source of a category the profile blocks. */
    LIST,
    /** A deny rule of the profile. */
    DENY_RULE,
    /** A schedule (bedtime, school hours) turned the internet off for the device. */
    SCHEDULE,
    /** The admin paused the device. */
    PAUSE,
    /** Answered with the search engine's SafeSearch address instead of the real one. */
    SAFESEARCH,
    /** The upstream answer's CNAME chain ended in a blocked name. */
    CNAME_CLOAKING,
    /** A canary name (use-application-dns.net, mask.icloud.com) that keeps devices off their own DNS. */
    BYPASS_CANARY,
    /** The profile allows only listed names and this one is not. */
    ALLOW_ONLY,
    /** Anything else the policy blocks; the detail says what. */
    OTHER
}
