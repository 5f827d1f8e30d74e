package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.policy.StageFixtures.parse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class PolicyStageTest {

    private static final ClientIdentity KID = new ClientIdentity("Kid tablet", "Kid tablet", "kids");
    private static final ClientIdentity PARENT = new ClientIdentity("Parent laptop", "Parent laptop", "parents");

    private final StageFixtures.Upstream upstream = new StageFixtures.Upstream(Map.of(
            "forcesafesearch.google.com", "216.239.38.120",
            "restrictmoderate.youtube.com", "216.239.38.119",
            "www.google.com", "142.250.1.1",
            "wikipedia.org", "185.15.58.224"));
    private final StageFixtures.Recorder recorder = new StageFixtures.Recorder();
    private final Pauses pauses = new Pauses();

    private PolicyStage stage(String yaml) {
        return new PolicyStage(new PolicySnapshots(Fixtures.snapshot(yaml)), StageFixtures.index(), pauses,
                StageFixtures.clockAt(StageFixtures.NOON), recorder);
    }

    private Answer ask(PolicyStage stage, ClientIdentity who, String name, int type) {
        QueryContext q = Fixtures.query("127.0.0.2", name, type).withIdentity(who);
        return stage.handle(q, upstream).toCompletableFuture().join();
    }

    @Test
    void zeroIpBlockGivesUnspecifiedAddressesShortTtlAndEdeNamingTheCategory() {
        PolicyStage stage = stage(Fixtures.FAMILY);
        Answer a = ask(stage, KID, "www.porn.example", Type.A);
        Message m = parse(a);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        Record r = m.getSection(Section.ANSWER).get(0);
        assertThat(r.rdataToString()).isEqualTo("0.0.0.0");
        assertThat(r.getTTL()).isEqualTo(5);
        assertThat(a.source()).isEqualTo(Answer.Source.POLICY);
        assertThat(a.extendedError().code()).isEqualTo(15);
        assertThat(a.extendedError().text()).isEqualTo("Blocked: category adult (listed as porn.example) [ut1-adult]");
        assertThat(m.getOPT()).as("the edge adds the OPT").isNull();

        AAAARecord aaaa = (AAAARecord) parse(ask(stage, KID, "www.porn.example", Type.AAAA))
                .getSection(Section.ANSWER).get(0);
        assertThat(aaaa.getAddress().isAnyLocalAddress()).isTrue();
        Message txt = parse(ask(stage, KID, "www.porn.example", Type.TXT));
        assertThat(txt.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(txt.getSection(Section.ANSWER)).isEmpty();
        assertThat(txt.getSection(Section.AUTHORITY).get(0)).isInstanceOf(SOARecord.class);

        assertThat(upstream.asked).as("a blocked name is never forwarded").isEmpty();
        assertThat(recorder.blocks).hasSize(3);
        assertThat(recorder.blocks.get(0).who()).isEqualTo(KID);
    }

    @Test
    void allowedNameIsHandedOnUntouched() {
        Answer a = ask(stage(Fixtures.FAMILY), KID, "wikipedia.org", Type.A);
        assertThat(a.source()).isEqualTo(Answer.Source.UPSTREAM);
        assertThat(upstream.asked).containsExactly(Question.of("wikipedia.org", Type.A));
        assertThat(recorder.blocks).isEmpty();
    }

    @Test
    void nxdomainModeCarriesSoaBoundingNegativeCaching() {
        PolicyStage stage = stage(Fixtures.FAMILY.replace("mode: zero-ip", "mode: nxdomain\n  ttl: PT3S"));
        Message m = parse(ask(stage, KID, "casino.example", Type.A));
        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        SOARecord soa = (SOARecord) m.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getTTL()).isEqualTo(3);
        assertThat(soa.getMinimum()).isEqualTo(3);
        assertThat(soa.getHost().toString()).isEqualTo("hearth.lan.");
    }

    @Test
    void profileBlockModeOverridesTheGlobalOne() {
        PolicyStage stage = stage(Fixtures.FAMILY.replace("    preset: child\n", "    preset: child\n    blockMode: nxdomain\n"));
        assertThat(parse(ask(stage, KID, "casino.example", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void strictYouTubeAndYouTubeOff() {
        String strict = Fixtures.FAMILY.replace("    safeSearch: true\n", "    safeSearch: true\n    youtube: strict\n");
        Message m = parse(ask(stage(strict), KID, "www.youtube.com", Type.AAAA));
        assertThat(((CNAMERecord) m.getSection(Section.ANSWER).get(0)).getTarget().toString())
                .isEqualToIgnoringCase("restrict.youtube.com.");
        String off = Fixtures.FAMILY.replace("    safeSearch: true\n", "    safeSearch: true\n    youtube: \"off\"\n");
        upstream.asked.clear();
        ask(stage(off), KID, "www.youtube.com", Type.A);
        assertThat(upstream.asked).containsExactly(Question.of("www.youtube.com", Type.A));
    }

    @Test
    void blockPageModeAnswersWithTheAddressTheQuestionCameInOn() {
        PolicyStage stage = stage(Fixtures.FAMILY.replace("mode: zero-ip", "mode: blockpage"));
        Message a = parse(ask(stage, KID, "casino.example", Type.A));
        assertThat(a.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("127.0.0.1");
        Message aaaa = parse(ask(stage, KID, "casino.example", Type.AAAA));
        assertThat(aaaa.getSection(Section.ANSWER)).as("came in over IPv4: no IPv6 page address").isEmpty();
    }

    @Test
    void canariesGetNxdomainAndDdrGetsNodata() {
        PolicyStage stage = stage(Fixtures.FAMILY);
        assertThat(parse(ask(stage, KID, "use-application-dns.net", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(parse(ask(stage, KID, "mask.icloud.com", Type.AAAA)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        Message ddr = parse(ask(stage, KID, "_dns.resolver.arpa", Type.SVCB));
        assertThat(ddr.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ddr.getSection(Section.ANSWER)).isEmpty();
        assertThat(upstream.asked).isEmpty();
    }

    @Test
    void safeSearchAnswersCnameToEnforcementHostResolvedLive() {
        Answer a = ask(stage(Fixtures.FAMILY), KID, "WWW.Google.com", Type.A);
        Message m = parse(a);
        List<Record> answers = m.getSection(Section.ANSWER);
        assertThat(answers.get(0)).isInstanceOf(CNAMERecord.class);
        assertThat(answers.get(0).getName().toString()).isEqualTo("WWW.Google.com.");
        // Name compression may borrow the asked spelling of google.com; DNS names compare without case.
        assertThat(((CNAMERecord) answers.get(0)).getTarget().toString()).isEqualToIgnoringCase(
                "forcesafesearch.google.com.");
        assertThat(answers.get(1).rdataToString()).isEqualTo("216.239.38.120");
        assertThat(answers.get(0).getTTL()).isEqualTo(120);
        assertThat(upstream.asked).containsExactly(Question.of("forcesafesearch.google.com", Type.A));
        assertThat(a.extendedError()).isNull();

        Message yt = parse(ask(stage(Fixtures.FAMILY), KID, "m.youtube.com", Type.A));
        assertThat(((CNAMERecord) yt.getSection(Section.ANSWER).get(0)).getTarget().toString())
                .isEqualTo("restrictmoderate.youtube.com.");
    }

    @Test
    void failureToResolveTheEnforcementHostIsPassedOnWithoutACname() {
        QueryContext q = Fixtures.query("127.0.0.2", "www.bing.com", Type.A).withIdentity(KID);
        Answer a = stage(Fixtures.FAMILY).handle(q, query -> java.util.concurrent.CompletableFuture.completedFuture(
                org.hearth.gateway.query.Responses.servfail(query.question()))).toCompletableFuture().join();
        Message m = parse(a);
        assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        assertThat(m.getQuestion().getName().toString()).isEqualTo("www.bing.com.");
        assertThat(a.source()).isEqualTo(Answer.Source.ERROR);
    }

    @Test
    void safeSearchLeavesOtherTypesAndUnfilteredProfilesAlone() {
        PolicyStage stage = stage(Fixtures.FAMILY);
        ask(stage, KID, "www.google.com", Type.MX);
        ask(stage, PARENT, "www.google.com", Type.A);
        assertThat(upstream.asked).containsExactly(Question.of("www.google.com", Type.MX),
                Question.of("www.google.com", Type.A));
    }

    @Test
    void pausedDeviceGetsNothingUntilThePauseEnds() {
        PolicyStage stage = stage(Fixtures.FAMILY);
        pauses.pause("Kid tablet", StageFixtures.NOON.plus(Duration.ofMinutes(30)));
        Answer a = ask(stage, KID, "wikipedia.org", Type.A);
        assertThat(a.extendedError().text()).startsWith("Blocked: paused until 2026-11-25T05:30:00Z");
        assertThat(ask(stage, PARENT, "wikipedia.org", Type.A).source()).isEqualTo(Answer.Source.UPSTREAM);
        pauses.resume("Kid tablet");
        assertThat(ask(stage, KID, "wikipedia.org", Type.A).source()).isEqualTo(Answer.Source.UPSTREAM);
    }

    @Test
    void failingListenerDoesNotCostTheAnswer() {
        PolicyStage stage = new PolicyStage(new PolicySnapshots(Fixtures.snapshot(Fixtures.FAMILY)),
                StageFixtures.index(), pauses, StageFixtures.clockAt(StageFixtures.NOON), (q, d) -> {
                    throw new IllegalStateException("log queue broken");
                });
        assertThat(ask(stage, KID, "casino.example", Type.A).extendedError().code()).isEqualTo(15);
    }

    @Test
    void queryWithoutIdentityFollowsTheDefaultProfile() {
        QueryContext q = Fixtures.query("127.0.0.9", "casino.example", Type.A);
        Answer a = stage(Fixtures.FAMILY).handle(q, upstream).toCompletableFuture().join();
        assertThat(a.extendedError()).isNotNull();
    }
}
