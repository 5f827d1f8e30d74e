package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.policy.StageFixtures.parse;

import java.util.Map;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswerCheckStageTest {

    private static final ClientIdentity KID = new ClientIdentity("Kid tablet", "Kid tablet", "kids");
    private static final ClientIdentity PARENT = new ClientIdentity("Parent laptop", "Parent laptop", "parents");

    private final StageFixtures.Upstream upstream = new StageFixtures.Upstream(Map.of(
            "shop.example", "shop.cdn.example",
            "shop.cdn.example", "edge.casino.example",
            "edge.casino.example", "203.0.113.7",
            "news.example", "news.cdn.example",
            "news.cdn.example", "203.0.113.8"));
    private final StageFixtures.Recorder recorder = new StageFixtures.Recorder();
    private final AnswerCheckStage stage = new AnswerCheckStage(new PolicySnapshots(Fixtures.snapshot(Fixtures.FAMILY)),
            StageFixtures.index(), StageFixtures.clockAt(StageFixtures.NOON), recorder);

    private Answer ask(ClientIdentity who, String name, Chain next) {
        QueryContext q = Fixtures.query("127.0.0.2", name, Type.A).withIdentity(who);
        return stage.handle(q, next).toCompletableFuture().join();
    }

    @Test
    void chainReachingBlockedNameIsBlockedForThatNamesCategory() {
        Answer a = ask(KID, "shop.example", upstream);
        Message m = parse(a);
        assertThat(m.getSection(Section.ANSWER)).hasSize(1);
        assertThat(m.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("0.0.0.0");
        assertThat(a.extendedError().text()).isEqualTo(
                "Blocked: CNAME to edge.casino.example (listed as casino.example) [ut1-gambling]");
        assertThat(recorder.blocks).singleElement().satisfies(b -> {
            assertThat(b.reason().kind()).isEqualTo(Reason.Kind.CNAME_CLOAKING);
            assertThat(b.reason().categories()).containsExactly("gambling");
            assertThat(b.name()).isEqualTo("shop.example");
        });
    }

    @Test
    void sameChainPassesForAProfileThatAllowsTheCategory() {
        Answer a = ask(PARENT, "shop.example", upstream);
        assertThat(a.source()).isEqualTo(Answer.Source.UPSTREAM);
        assertThat(recorder.blocks).isEmpty();
    }

    @Test
    void harmlessChainPassesUntouched() {
        Answer a = ask(KID, "news.example", upstream);
        assertThat(a.source()).isEqualTo(Answer.Source.UPSTREAM);
        assertThat(parse(a).getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void wireScanFindsAliasesExactlyWhenDnsjavaDoes() throws Exception {
        for (String name : new String[] {"shop.example", "news.example", "edge.casino.example", "nothing.example"}) {
            Answer a = upstream.handle(Fixtures.query("127.0.0.2", name, Type.A)).join();
            assertThat(AnswerCheckStage.hasAlias(a.message())).as(name)
                    .isEqualTo(!AnswerCheckStage.chain(a.message()).isEmpty());
        }
    }

    @Test
    void unreadableAnswerIsPassedOnAndCounted() {
        byte[] junk = {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 3, 'a'};
        Answer a = ask(KID, "x.example", q -> java.util.concurrent.CompletableFuture.completedFuture(
                new Answer(junk, Answer.Source.UPSTREAM)));
        assertThat(a.message()).isSameAs(junk);
        assertThat(stage.unreadable()).isEqualTo(1);
    }
}
