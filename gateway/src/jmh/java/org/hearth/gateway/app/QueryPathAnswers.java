package org.hearth.gateway.app;

import java.io.IOException;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Reads the benchmarks' answers in setup, so a run that measures the wrong path fails instead. */
final class QueryPathAnswers {

    private static final String UPSTREAM_ADDRESS = "192.0.2.1";

    private QueryPathAnswers() {}

    /** NOERROR with the scripted upstream's address: the name was forwarded or cached, not blocked. */
    static boolean isUpstreamAnswer(byte[] wire) throws IOException {
        Message m = new Message(wire);
        List<Record> answers = m.getSection(Section.ANSWER);
        return m.getRcode() == Rcode.NOERROR && !answers.isEmpty() && answers.get(answers.size() - 1) instanceof ARecord a
                && a.getAddress().getHostAddress().equals(UPSTREAM_ADDRESS);
    }

    /** NXDOMAIN or 0.0.0.0, what the blocking modes answer. */
    static boolean isBlocked(byte[] wire) throws IOException {
        Message m = new Message(wire);
        if (m.getRcode() == Rcode.NXDOMAIN) {
            return true;
        }
        List<Record> answers = m.getSection(Section.ANSWER);
        return m.getRcode() == Rcode.NOERROR && !answers.isEmpty() && answers.get(0) instanceof ARecord a
                && a.getAddress().isAnyLocalAddress();
    }
}
