package org.hearth.gateway.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.query.Edns;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Transport;

/** Configs from inline YAML (as a user writes them) and queries as the edge builds them. */
final class Fixtures {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Two devices on different loopback addresses, the profiles the issue describes. */
    static final String FAMILY = """
            lists:
              - {name: ut1-adult, category: adult, source: lists/adult.txt}
              - {name: ut1-gambling, category: gambling, source: lists/gambling.txt}
            profiles:
              kids:
                preset: child
                block: [adult, gambling, dating, chat, dns-bypass]
                allow: [khanacademy.org, kids.games.example]
                deny: [example.net]
                safeSearch: true
                schedules:
                  - {name: bedtime, days: [daily], from: "21:00", to: "07:00", blockAll: true}
                  - {name: homework, days: [weekdays], from: "16:00", to: "18:00", block: [games, streaming]}
              parents:
                preset: adult
            devices:
              - {name: Kid tablet, match: ["127.0.0.2", "aa:bb:cc:dd:ee:01"], profile: kids}
              - {name: Parent laptop, match: ["127.0.0.3"], profile: parents}
              - {name: Lab, match: ["10.1.2.0/24"], profile: kids}
            defaultProfile: kids
            blocking:
              mode: zero-ip
            """;

    private Fixtures() {}

    static HearthConfig config(String yaml) {
        try {
            HearthConfig c = YAML.readValue(yaml, HearthConfig.class);
            return c == null ? YAML.readValue("{}", HearthConfig.class) : c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicySnapshot snapshot(String yaml) {
        PolicyCompiler.Result r = new PolicyCompiler().compile(config(yaml));
        if (!r.ok()) {
            throw new AssertionError("config does not compile: " + r.problems());
        }
        return r.snapshot();
    }

    static QueryContext query(String client, String name, int type) {
        return query(client, name, type, null);
    }

    static QueryContext query(String client, String name, int type, Edns edns) {
        return new QueryContext(4242, Question.of(name, type), true, false, edns,
                new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 53), Transport.UDP,
                System.nanoTime(), null);
    }

    static Edns edns(Edns.Option... options) {
        return new Edns(1232, false, 0, List.of(options));
    }
}
