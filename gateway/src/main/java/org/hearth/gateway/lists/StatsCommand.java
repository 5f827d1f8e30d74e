package org.hearth.gateway.lists;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.blocklists.source.IndexMeta;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.SourceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth lists stats --config FILE}: entries per source and category, and memory. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print entries per source and per category, and the memory the index takes.")
final class StatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "hearth.yml")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfiguredLists lists = ListsCommand.load(config, err);
        if (lists == null) {
            return ListsCommand.UNUSABLE;
        }
        Path file = lists.store().indexFile();
        if (!Files.exists(file)) {
            err.println("no compiled index at " + file + "; run 'hearth lists compile --config " + config + "'");
            err.flush();
            return ListsCommand.ATTENTION;
        }
        try {
            MappedDomainIndex index = MappedDomainIndex.open(file);
            IndexMeta meta = ListCompiler.meta(index);
            Map<String, Long> perCategory = new TreeMap<>();
            out.printf("%-28s %-14s %12s  %-20s %s%n", "source", "category", "entries", "last success", "last error");
            for (SourceStatus s : meta.sources()) {
                perCategory.merge(s.category(), s.entries(), Long::sum);
                out.printf("%-28s %-14s %,12d  %-20s %s%n", s.name(), s.category(), s.entries(),
                        s.lastSuccess() == null ? "never" : s.lastSuccess().toString().substring(0, 19),
                        s.lastError() == null ? "-" : s.lastError());
            }
            out.println();
            out.printf("%-28s %12s%n", "category", "entries");
            perCategory.forEach((c, n) -> out.printf("%-28s %,12d%n", c, n));
            out.println();
            long names = index.size();
            out.printf("index: %,d distinct names, built %s%n", names, Instant.ofEpochMilli(index.createdMillis()));
            out.printf("memory: %,d bytes memory-mapped off the Java heap (%.2f bytes per name)%n", index.bytes(),
                    names == 0 ? 0.0 : (double) index.bytes() / names);
            Runtime rt = Runtime.getRuntime();
            out.printf("java heap of this command: %,d bytes used of %,d%n", rt.totalMemory() - rt.freeMemory(),
                    rt.maxMemory());
            out.flush();
            return ListsCommand.OK;
        } catch (IOException e) {
            err.println("lists stats: " + e.getMessage());
            err.flush();
            return ListsCommand.UNUSABLE;
        }
    }
}
