package org.hearth.gateway.lists;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.ListSource;
import org.hearth.blocklists.source.SourceFetcher;
import org.hearth.blocklists.source.SourceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth lists compile --config FILE}: download remote sources, then build the index file. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Download remote lists and compile the index into the data folder.")
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "hearth.yml")
    Path config;

    @Option(names = "--offline", description = "Do not download; compile what is on disk.")
    boolean offline;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfiguredLists lists = ListsCommand.load(config, err);
        if (lists == null) {
            return ListsCommand.UNUSABLE;
        }
        Clock clock = Clock.systemUTC();
        boolean failed = false;
        if (!offline) {
            SourceFetcher fetcher = new SourceFetcher(clock, SourceFetcher.Limits.DEFAULT);
            for (ListSource s : lists.sources()) {
                if (s.remote()) {
                    SourceFetcher.Outcome o = fetcher.fetch(s, lists.store());
                    out.printf("fetch %-28s %s%n", s.name(), o.error() == null ? o.kind() : o.error());
                    failed |= o.error() != null;
                }
            }
        }
        try {
            List<ListSource> build = lists.buildSources();
            ListCompiler.Result result = new ListCompiler(lists.store(), clock).compile(build);
            for (SourceStatus s : result.sources()) {
                out.printf("%-28s %-14s %,10d entries%s%n", s.name(), s.category(), s.entries(),
                        s.lastError() == null ? "" : "  ERROR " + s.lastError());
                if (s.report() != null && !s.report().firstProblems().isEmpty()) {
                    out.printf("%-28s %,d lines skipped (%,d unsupported, %,d invalid), first: %s%n", "",
                            s.report().unsupported() + s.report().invalid(), s.report().unsupported(),
                            s.report().invalid(), s.report().firstProblems().get(0));
                }
                failed |= s.lastError() != null && lists.sources().stream().anyMatch(c -> c.name().equals(s.name()));
            }
            long names = result.index().size();
            out.printf("index %s: %,d names, %,d bytes (%.2f bytes per name), built in %d ms%n",
                    result.index().file(), names, result.index().bytes(),
                    names == 0 ? 0.0 : (double) result.index().bytes() / names, result.buildMillis());
            out.flush();
            return failed ? ListsCommand.ATTENTION : ListsCommand.OK;
        } catch (IOException e) {
            err.println("lists compile: " + e.getMessage());
            err.flush();
            return ListsCommand.UNUSABLE;
        }
    }
}
