package org.hearth.gateway.lists;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearth.blocklists.DomainNames;
import org.hearth.blocklists.IndexMatch;
import org.hearth.blocklists.format.ListReader;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.ListSource;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.policy.Decision;
import org.hearth.gateway.policy.PolicyExplainer;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hearth lists check NAME --config FILE}: which categories cover NAME, and why — every rule
 * in every source that applies to it, with its line.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Say which sources and categories match a name, and why.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "a domain name")
    String name;

    @Option(names = "--config", required = true, description = "hearth.yml")
    Path config;

    @Option(names = "--device", paramLabel = "IP",
            description = "the device asking: also say what its profile decides, now, and why")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfiguredLists lists = ListsCommand.load(config, err);
        if (lists == null) {
            return ListsCommand.UNUSABLE;
        }
        String normal = DomainNames.normalize(name);
        if (normal == null) {
            err.println("\"" + name + "\" is not a valid domain name");
            err.flush();
            return ListsCommand.ATTENTION;
        }
        try {
            List<ListSource> build = lists.buildSources();
            ListCompiler compiler = new ListCompiler(lists.store(), Clock.systemUTC());
            Optional<MappedDomainIndex> fresh = compiler.openIfFresh(build, lists.configFile());
            MappedDomainIndex index;
            if (fresh.isPresent()) {
                index = fresh.get();
            } else {
                out.println("(the index was missing or older than its sources: compiled it from what is on disk)");
                index = compiler.compile(build).index();
            }
            IndexMatch match = index.lookup(normal);
            if (match.matched()) {
                out.printf("%s: in %s (listed as %s)%n", normal, String.join(", ",
                        lists.catalog().ids(match.categories())), match.matchedDomain());
            } else {
                out.printf("%s: not in any list%n", normal);
            }
            explain(normal, build, lists, out);
            if (device != null) {
                InetAddress client = deviceAddress(err);
                if (client == null) {
                    return ListsCommand.ATTENTION;
                }
                Clock clock = Clock.systemDefaultZone();
                Decision decision = PolicyExplainer.standalone(lists.config().config(), index, clock)
                        .explain(client, normal, Type.A, clock.instant());
                String who = decision.who().deviceName() == null ? "an unknown device"
                        : "device " + decision.who().deviceName();
                out.printf("for %s (%s, profile %s): %s, because %s%n", device, who, decision.who().profileName(),
                        verdict(decision), decision.reason().text());
            }
            out.flush();
            return ListsCommand.OK;
        } catch (IOException e) {
            err.println("lists check: " + e.getMessage());
            err.flush();
            return ListsCommand.UNUSABLE;
        }
    }

    private InetAddress deviceAddress(PrintWriter err) {
        InetAddress address = IpLiteral.parse(device);
        if (address == null) {
            err.println("--device " + device + ": not an IP address");
            err.flush();
        }
        return address;
    }

    private static String verdict(Decision decision) {
        if (decision instanceof Decision.Rewritten rewritten) {
            return "rewritten to " + rewritten.target();
        }
        return decision instanceof Decision.Blocked ? "blocked" : "allowed";
    }

    private static void explain(String name, List<ListSource> sources, ConfiguredLists lists, PrintWriter out)
            throws IOException {
        for (ListSource s : sources) {
            Path input = lists.store().input(s);
            if (!Files.exists(input)) {
                continue;
            }
            ListReader.read(input, rule -> {
                if (rule.covers(name)) {
                    out.printf("  %s [%s] line %d: %s %s%s%n", s.name(), s.category().id(), rule.line(),
                            rule.exception() ? "exception for" : "blocks", rule.name(), scope(rule.scope()));
                }
            });
        }
    }

    private static String scope(org.hearth.blocklists.format.ListRule.Scope scope) {
        return switch (scope) {
            case NAME_AND_BELOW -> " and the names below it";
            case BELOW_ONLY -> " (only names below it)";
            case NAME_ONLY -> " (only that exact name)";
        };
    }
}
