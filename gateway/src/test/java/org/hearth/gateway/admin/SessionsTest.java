package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), ticker,
            new SecureRandom());

    @Test
    void newSessionIsFoundByItsIdWithItsOwnCsrfToken() {
        Sessions.Session session = sessions.create(AdminRole.ADMIN);

        assertThat(sessions.find(session.id())).contains(session);
        assertThat(session.csrf()).isNotEqualTo(session.id()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(sessions.find("made-up")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void endingOneUsersSessionsLeavesOthersSignedIn() {
        Sessions.Session mum = sessions.create("Mum", AdminRole.ADMIN);
        Sessions.Session teacherPhone = sessions.create("teacher", AdminRole.VIEWER);
        Sessions.Session teacherLaptop = sessions.create("teacher", AdminRole.VIEWER);

        sessions.endFor("TEACHER");

        assertThat(sessions.find(teacherPhone.id())).isEmpty();
        assertThat(sessions.find(teacherLaptop.id())).isEmpty();
        assertThat(sessions.find(mum.id())).contains(mum);
        assertThat(mum.toString()).doesNotContain(mum.id(), mum.csrf());
    }

    @Test
    void sessionEndsAfterIdleTimeWithoutRequests() {
        Sessions.Session session = sessions.create(AdminRole.ADMIN);

        ticker.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id())).isPresent();
        ticker.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id())).isPresent();
        ticker.advance(Duration.ofMinutes(31));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void busySessionStillEndsAtItsLifetime() {
        Sessions.Session session = sessions.create(AdminRole.ADMIN);

        for (int i = 0; i < 12 * 4 - 1; i++) {
            ticker.advance(Duration.ofMinutes(15));
            assertThat(sessions.find(session.id())).as("after %d quarter hours", i + 1).isPresent();
        }
        ticker.advance(Duration.ofMinutes(15));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void endAndEndAllSignOut() {
        Sessions.Session one = sessions.create(AdminRole.ADMIN);
        Sessions.Session two = sessions.create(AdminRole.ADMIN);
        Sessions.Session three = sessions.create(AdminRole.ADMIN);

        sessions.end(one.id());
        assertThat(sessions.find(one.id())).isEmpty();
        assertThat(sessions.find(two.id())).isPresent();
        sessions.endAll();
        assertThat(sessions.find(two.id())).isEmpty();
        assertThat(sessions.find(three.id())).isEmpty();
    }
}
