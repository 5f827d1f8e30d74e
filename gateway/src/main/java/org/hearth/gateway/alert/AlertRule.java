package org.hearth.gateway.alert;

/** What raised an alert; the id is what the outbox, the webhook JSON and the admin API show. */
public enum AlertRule {
    UNBLOCK_REQUEST("unblock-request"),
    BYPASS("bypass"),
    SERIOUS("serious"),
    NEW_DEVICE("new-device"),
    WEEKLY_SUMMARY("weekly-summary"),
    TEST("test");

    private final String id;

    AlertRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static AlertRule ofId(String id) {
        for (AlertRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no alert rule " + id);
    }
}
