package org.hearth.gateway.resolve;

import java.util.List;
import org.hearth.gateway.dns.upstream.UpstreamException;
import org.hearth.gateway.query.Question;

/** Every upstream tried for a question failed, or the deadline passed first; says what each did. */
public final class UpstreamFailedException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    private final transient Question question;
    private final List<String> attempts;

    public UpstreamFailedException(Question question, String summary, List<String> attempts) {
        super(question.asked() + " type " + question.type() + ": " + summary
                + (attempts.isEmpty() ? "" : " (" + String.join("; ", attempts) + ")"));
        this.question = question;
        this.attempts = List.copyOf(attempts);
    }

    public Question question() {
        return question;
    }

    /** One line per upstream attempt: which server and what went wrong. */
    public List<String> attempts() {
        return attempts;
    }
}
