package org.hearth.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExtendedErrorTest {

    @Test
    void aLazyTextIsMadeOnFirstReadAndOnlyOnce() {
        AtomicInteger made = new AtomicInteger();
        Answer.ExtendedError ede = Answer.ExtendedError.lazy(Answer.ExtendedError.BLOCKED, () -> {
            made.incrementAndGet();
            return "Blocked: deny list: x.example";
        });

        assertThat(ede.code()).isEqualTo(15);
        assertThat(made).hasValue(0);
        assertThat(ede.text()).isEqualTo("Blocked: deny list: x.example");
        assertThat(ede.text()).isEqualTo("Blocked: deny list: x.example");
        assertThat(made).hasValue(1);
    }

    @Test
    void equalWhenCodeAndTextAreWhicheverWayTheTextCame() {
        Answer.ExtendedError eager = new Answer.ExtendedError(3, "served stale");
        Answer.ExtendedError lazy = Answer.ExtendedError.lazy(3, () -> "served stale");

        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(lazy).isNotEqualTo(new Answer.ExtendedError(3, "other")).isNotEqualTo(new Answer.ExtendedError(4,
                "served stale"));
        assertThat(new Answer.ExtendedError(0, null)).isEqualTo(new Answer.ExtendedError(0, null));
        assertThat(eager).hasToString("ExtendedError[code=3, text=served stale]");
    }
}
