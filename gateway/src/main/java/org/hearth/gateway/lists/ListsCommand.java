package org.hearth.gateway.lists;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hearth lists compile|check|stats}: build the index, explain a name, show figures. Exit
 * codes: 0 done, 1 done but something needs attention (a source failed, a name is not valid),
 * 2 the config or index could not be used.
 */
@Command(name = "lists", mixinStandardHelpOptions = true,
        description = "Compile, check and inspect the blocklists.",
        subcommands = {CompileCommand.class, CheckCommand.class, StatsCommand.class})
public final class ListsCommand implements Runnable {

    static final int OK = 0;
    static final int ATTENTION = 1;
    static final int UNUSABLE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: compile, check or stats");
    }

    /** The config's lists, or null after printing every config problem. */
    static ConfiguredLists load(Path configFile, PrintWriter err) {
        try {
            return ConfiguredLists.from(ConfigLoader.load(configFile));
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return null;
        }
    }
}
