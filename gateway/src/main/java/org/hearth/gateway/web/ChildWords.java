package org.hearth.gateway.web;

import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.policy.Reason;

/** Why something was blocked, in words a child understands, from a decision or a log entry. */
final class ChildWords {

    private final Messages messages;

    ChildWords(Messages messages) {
        this.messages = messages;
    }

    /** For a decision the policy makes now (the block page). */
    String why(String language, Reason reason) {
        return switch (reason.kind()) {
            case CATEGORY -> categories(language, reason.categories());
            case SCHEDULE -> messages.text(language, "reason.schedule");
            case DENY_RULE -> messages.text(language, "reason.deny");
            case PAUSE -> messages.text(language, "reason.pause");
            case ALLOW_ONLY -> messages.text(language, "reason.allowOnly");
            case CANARY -> messages.text(language, "reason.bypass");
            case CNAME_CLOAKING -> reason.categories().isEmpty() ? messages.text(language, "reason.cname")
                    : categories(language, reason.categories());
            default -> messages.text(language, "reason.other");
        };
    }

    /** For an entry of the log (the "why" page). */
    String why(String language, BlockReason reason, List<String> categories) {
        return switch (reason) {
            case LIST -> categories(language, categories);
            case SCHEDULE -> messages.text(language, "reason.schedule");
            case DENY_RULE -> messages.text(language, "reason.deny");
            case PAUSE -> messages.text(language, "reason.pause");
            case ALLOW_ONLY -> messages.text(language, "reason.allowOnly");
            case BYPASS_CANARY -> messages.text(language, "reason.bypass");
            case CNAME_CLOAKING -> categories.isEmpty() ? messages.text(language, "reason.cname")
                    : categories(language, categories);
            default -> messages.text(language, "reason.other");
        };
    }

    private String categories(String language, List<String> ids) {
        if (ids.isEmpty()) {
            return messages.text(language, "reason.other");
        }
        List<String> words = new ArrayList<>();
        for (String id : ids) {
            words.add(messages.has("category." + id) ? messages.text(language, "category." + id)
                    : messages.text(language, "category.other", id));
        }
        return messages.text(language, "reason.category", String.join(", ", words));
    }
}
