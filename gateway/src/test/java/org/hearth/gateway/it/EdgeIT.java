package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.NsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The gateway in front of a real NSD, driven by dig, kdig, dnsjava and raw sockets. */
class EdgeIT {

    @TempDir
    static Path dir;
    static NsdServer nsd;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        nsd = NsdServer.start(dir);
        gw = RunningGateway.start(dir, """
                dns:
                  listen: [%s]
                upstreams: ["%s"]
                """.formatted(RunningGateway.ipv6Loopback() ? "\"127.0.0.1:0\", \"[::1]:0\"" : "\"127.0.0.1:0\"",
                nsd.hostAndPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    /** Every fixture record type, as NSD itself answers it. */
    static final List<String[]> QUESTIONS = List.of(
            new String[] {"www.hearth.test", "A"},
            new String[] {"www.hearth.test", "AAAA"},
            new String[] {"alias.hearth.test", "A"},
            new String[] {"hearth.test", "MX"},
            new String[] {"long.hearth.test", "TXT"},
            new String[] {"_sip._udp.hearth.test", "SRV"},
            new String[] {"10.2.0.192.in-addr.arpa", "PTR"},
            new String[] {"hearth.test", "CAA"},
            new String[] {"svc.hearth.test", "HTTPS"},
            new String[] {"_dns.hearth.test", "SVCB"},
            new String[] {"hearth.test", "NS"},
            new String[] {"hearth.test", "SOA"},
            new String[] {"odd.hearth.test", "TYPE65400"},
            new String[] {"big.hearth.test", "A"});

    @Test
    void everyRecordTypePassesThroughUnchangedWithDigOverUdpAndKdigOverTcp() throws Exception {
        for (String[] q : QUESTIONS) {
            Dig.Result direct = Dig.dig(nsd.address(), "+noall", "+answer", q[0], q[1]);
            Dig.Result viaUdp = Dig.dig(gw.dns(), "+noall", "+answer", q[0], q[1]);
            assertThat(direct.recordsWithoutTtl()).as("NSD %s %s", q[0], q[1]).isNotEmpty();
            assertThat(viaUdp.recordsWithoutTtl()).as("dig %s %s", q[0], q[1]).isEqualTo(direct.recordsWithoutTtl());

            Dig.Result kdirect = Dig.kdig(nsd.address(), "+tcp", "+noall", "+answer", q[0], q[1]);
            Dig.Result viaTcp = Dig.kdig(gw.dns(), "+tcp", "+noall", "+answer", q[0], q[1]);
            assertThat(viaTcp.recordsWithoutTtl()).as("kdig +tcp %s %s", q[0], q[1])
                    .isEqualTo(kdirect.recordsWithoutTtl());
        }
        assertThat(Dig.dig(nsd.address(), "+noall", "+answer", "alias.hearth.test", "A").recordsWithoutTtl())
                .hasSize(3); // the CNAME chain and its end: the fixture really covers a chain
    }

    @Test
    void ipv6ListenerAnswersToo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RunningGateway.ipv6Loopback(), "no ::1 on this machine");
        var v6 = gw.gateway.dnsAddresses().get(1);
        assertThat(v6.getAddress().getHostAddress()).contains(":");
        Dig.Result udp = Dig.dig(v6, "+noall", "+answer", "www.hearth.test", "AAAA");
        Dig.Result tcp = Dig.kdig(v6, "+tcp", "+noall", "+answer", "www.hearth.test", "AAAA");
        assertThat(udp.recordsWithoutTtl()).containsExactly("www.hearth.test. IN AAAA 2001:db8::10");
        assertThat(tcp.recordsWithoutTtl()).isEqualTo(udp.recordsWithoutTtl());
    }

    @Test
    void dnsjavaOverUdpAndTcpGetsTheSameRecordsAsNsd() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            SimpleResolver resolver = new SimpleResolver(gw.dns());
            resolver.setTCP(tcp);
            resolver.setTimeout(Duration.ofSeconds(5));
            for (String[] q : QUESTIONS) {
                int type = Type.value(q[1]);
                Message direct = nsd.ask(q[0] + ".", type);
                Message via = resolver.send(query(q[0] + ".", type));
                assertThat(Set.copyOf(via.getSection(Section.ANSWER))).as("%s %s tcp=%s", q[0], q[1], tcp)
                        .isEqualTo(Set.copyOf(direct.getSection(Section.ANSWER)));
            }
        }
    }

    @Test
    void nxdomainAndNodataCarryTheSoa() throws Exception {
        SimpleResolver resolver = new SimpleResolver(gw.dns());
        Message nx = resolver.send(query("nope.hearth.test.", Type.A));
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.AUTHORITY)).extracting(Record::getType).contains(Type.SOA);

        Message nodata = resolver.send(query("www.hearth.test.", Type.TXT));
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).extracting(Record::getType).contains(Type.SOA);
    }

    @Test
    void bigAnswerIsTruncatedOverUdpAndWholeOverTcp() throws Exception {
        byte[] reply = RawDns.udp(gw.dns(), RawDns.query("big.hearth.test", Type.A, 0x5151, true));
        assertThat(reply.length).isLessThanOrEqualTo(1232);
        Message truncated = new Message(reply);
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getHeader().getID()).isEqualTo(0x5151);
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
        assertThat(truncated.getOPT()).isNotNull();

        Dig.Result ignoreTc = Dig.dig(gw.dns(), "+ignore", "big.hearth.test", "A");
        assertThat(ignoreTc.output()).containsPattern("flags: qr tc rd ra|flags:[a-z ]* tc");

        try (Socket socket = RawDns.tcp(gw.dns())) {
            RawDns.write(socket, RawDns.framed(RawDns.query("big.hearth.test", Type.A, 0x5152, true)));
            Message whole = new Message(RawDns.readFrame(socket));
            assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(whole.getSection(Section.ANSWER)).hasSize(100);
        }
    }

    @Test
    void cachedAnswerCountsItsTtlDown() throws Exception {
        SimpleResolver resolver = new SimpleResolver(gw.dns());
        Message first = resolver.send(query("mail.hearth.test.", Type.A));
        assertThat(first.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
        gw.ticker.advance(Duration.ofSeconds(120));
        Message second = resolver.send(query("mail.hearth.test.", Type.A));
        assertThat(second.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(180);
        gw.ticker.advance(Duration.ofSeconds(30));
        Message third = resolver.send(query("mail.hearth.test.", Type.A));
        assertThat(third.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(150);
    }

    @Test
    void mixedCaseQuestionAndIdAreEchoed() throws Exception {
        byte[] query = RawDns.query("WwW.HeArTh.TeSt", Type.A, 0xABCD, false);
        byte[] reply = RawDns.udp(gw.dns(), query);
        Message answer = new Message(reply);
        assertThat(answer.getHeader().getID()).isEqualTo(0xABCD);
        assertThat(answer.getQuestion().getName().toString()).isEqualTo("WwW.HeArTh.TeSt.");
        assertThat(answer.getSection(Section.ANSWER)).isNotEmpty();
        // Byte for byte: the question section of the answer is the query's.
        assertThat(java.util.Arrays.copyOfRange(reply, 12, query.length))
                .isEqualTo(java.util.Arrays.copyOfRange(query, 12, query.length));
    }

    @Test
    void ednsInTheQueryMeansOptInTheAnswerAndOnlyThen() throws Exception {
        Message withOpt = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 1, true)));
        assertThat(withOpt.getOPT()).isNotNull();
        assertThat(withOpt.getOPT().getPayloadSize()).isEqualTo(1232);
        Message without = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 2, false)));
        assertThat(without.getOPT()).isNull();

        assertThat(Dig.dig(gw.dns(), "+noedns", "www.hearth.test", "A").output()).doesNotContain("OPT PSEUDOSECTION");
        assertThat(Dig.dig(gw.dns(), "www.hearth.test", "A").output()).contains("OPT PSEUDOSECTION")
                .contains("udp: 1232");
        assertThat(Dig.dig(gw.dns(), "+edns=1", "+noednsnegotiation", "www.hearth.test", "A").output())
                .contains("status: BADVERS");
    }

    @Test
    void malformedPacketsAreAnsweredOrDroppedAndServiceGoesOn() throws Exception {
        long droppedBefore = gw.gateway.counters().dropped();
        assertThat(RawDns.udp(gw.dns(), new byte[] {1, 2, 3, 4, 5}, 300)).isNull();
        byte[] response = RawDns.query("www.hearth.test", Type.A, 9, false);
        response[2] |= (byte) 0x80; // QR: a response, not a query
        assertThat(RawDns.udp(gw.dns(), response, 300)).isNull();
        assertThat(gw.gateway.counters().dropped()).isEqualTo(droppedBefore + 2);

        byte[] cut = java.util.Arrays.copyOf(RawDns.query("www.hearth.test", Type.A, 0x7777, false), 20);
        Message formErr = new Message(RawDns.udp(gw.dns(), cut));
        assertThat(formErr.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(formErr.getHeader().getID()).isEqualTo(0x7777);

        byte[] loop = java.util.Arrays.copyOf(RawDns.query("www.hearth.test", Type.A, 0x7778, false), 18);
        loop[12] = (byte) 0xc0;
        loop[13] = 12;
        assertThat(new Message(RawDns.udp(gw.dns(), loop)).getRcode()).isEqualTo(Rcode.FORMERR);

        try (Socket socket = RawDns.tcp(gw.dns())) {
            RawDns.write(socket, RawDns.framed(new byte[] {0, 1, 2}));
            RawDns.write(socket, RawDns.framed(cut));
            assertThat(new Message(RawDns.readFrame(socket)).getRcode()).isEqualTo(Rcode.FORMERR);
            RawDns.write(socket, RawDns.framed(RawDns.query("www.hearth.test", Type.A, 0x7779, false)));
            Message ok = new Message(RawDns.readFrame(socket));
            assertThat(ok.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(ok.getHeader().getID()).isEqualTo(0x7779);
        }
        Message after = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 10, false)));
        assertThat(after.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(after.getSection(Section.ANSWER)).isNotEmpty();
    }

    @Test
    void udpQueriesUpToTheReadSlotAreAnsweredAndLongerOnesGetFormerr() throws Exception {
        // EDNS padding (option 12) makes a valid query of any length; several in one burst so the
        // socket's read takes them together (recvmmsg fills its slots in one call).
        int slot = 4096;
        int[] sizes = {slot - 1, slot, slot + 1, 9000, 200};
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(
                new java.net.InetSocketAddress(gw.dns().getAddress(), 0))) {
            for (int i = 0; i < sizes.length; i++) {
                byte[] q = RawDns.padded("www.hearth.test", 0x5100 + i, sizes[i]);
                assertThat(q).hasSize(sizes[i]);
                socket.send(new java.net.DatagramPacket(q, q.length, gw.dns()));
            }
            java.util.Map<Integer, Message> replies = RawDns.receive(socket, sizes.length, RawDns.TIMEOUT_MILLIS);
            assertThat(replies.keySet()).as("every query gets a reply").hasSize(sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                Message reply = replies.get(0x5100 + i);
                assertThat(reply.getRcode()).as("query of %d bytes", sizes[i])
                        .isEqualTo(sizes[i] < slot ? Rcode.NOERROR : Rcode.FORMERR);
                assertThat(reply.getQuestion().getName()).isEqualTo(Name.fromString("www.hearth.test."));
            }
        }
        try (Socket socket = RawDns.tcp(gw.dns())) {
            RawDns.write(socket, RawDns.framed(RawDns.padded("www.hearth.test", 0x5200, 9000)));
            assertThat(new Message(RawDns.readFrame(socket)).getRcode()).as("any length over TCP")
                    .isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void tcpQueryWithLengthPrefixSplitAcrossWritesIsAnswered() throws Exception {
        byte[] framed = RawDns.framed(RawDns.query("www.hearth.test", Type.A, 0x4242, false));
        try (Socket socket = RawDns.tcp(gw.dns())) {
            RawDns.write(socket, new byte[] {framed[0]});
            Thread.sleep(50); // not a timing assertion: makes the first byte its own TCP segment
            RawDns.write(socket, java.util.Arrays.copyOfRange(framed, 1, 7));
            Thread.sleep(50);
            RawDns.write(socket, java.util.Arrays.copyOfRange(framed, 7, framed.length));
            Message answer = new Message(RawDns.readFrame(socket));
            assertThat(answer.getHeader().getID()).isEqualTo(0x4242);
            assertThat(answer.getSection(Section.ANSWER)).isNotEmpty();
        }
    }

    @Test
    void pipelinedTcpQueriesAreAllAnswered() throws Exception {
        String[] names = {"www.hearth.test", "mail.hearth.test", "sip.hearth.test", "nope.hearth.test",
                "dns.hearth.test"};
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            all.write(RawDns.framed(RawDns.query(names[i], Type.A, 100 + i, false)));
        }
        try (Socket socket = RawDns.tcp(gw.dns())) {
            RawDns.write(socket, all.toByteArray()); // one write: the queries arrive back to back
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                Message answer = new Message(RawDns.readFrame(socket));
                int index = answer.getHeader().getID() - 100;
                assertThat(answer.getQuestion().getName().toString()).isEqualTo(names[index] + ".");
                ids.add(answer.getHeader().getID());
            }
            assertThat(ids).containsExactlyInAnyOrder(100, 101, 102, 103, 104);
        }
    }

    static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }
}
