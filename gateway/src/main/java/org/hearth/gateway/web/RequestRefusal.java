package org.hearth.gateway.web;

/** A request decision or lookup that cannot be done as asked: the admin API answers it with {@link #status}. */
public final class RequestRefusal extends Exception {

    private final int status;

    RequestRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400 (bad input), 404 (no such request or allow) or 409 (already decided). */
    public int status() {
        return status;
    }
}
