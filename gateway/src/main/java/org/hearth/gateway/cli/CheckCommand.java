package org.hearth.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hearth check --config FILE}: the checks {@code serve} would make, without starting anything.
 * For an admin after a hand edit, and for a service manager before a restart (ExecStartPre).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks a config file as serve would; prints every problem, or ok.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The config file (hearth.yml).")
    Path config;

    @Override
    public Integer call() {
        try {
            ConfigLoader.load(config, ServeCommand.CHECKS);
        } catch (ConfigException e) {
            e.problems().forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }
        spec.commandLine().getOut().println(config + ": ok");
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
