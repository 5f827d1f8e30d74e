package org.hearth.gateway.cli;

import java.util.concurrent.Callable;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.lists.ListsCommand;
import org.hearth.gateway.log.LogCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hearth} command. Subcommands are listed in the annotation below: registering another
 * (e.g. {@code org.hearth.gateway.lists.ListsCommand.class}) is one more entry in {@code subcommands}.
 */
@Command(
        name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "A filtering DNS gateway for homes and schools.",
        subcommands = {
            ServeCommand.class,
            CheckCommand.class,
            ListsCommand.class,
            LogCommand.class,
            CommandLine.HelpCommand.class,
        },
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 invalid command line or config."})
public final class HearthCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(HearthCommand.class);

    @Spec
    CommandSpec spec;

    /** {@code hearth} alone: say what it can do, as a usage error so scripts notice. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The command line with hearth's error handling: config problems exit 2, anything else 1, no stack traces. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HearthCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException config) {
                config.problems().forEach(cmd.getErr()::println);
                cmd.getErr().flush();
                return ExitCode.USAGE;
            }
            LOG.debug("{} failed", cmd.getCommandName(), e);
            cmd.getErr().println("hearth " + cmd.getCommandName() + ": " + describe(e));
            cmd.getErr().flush();
            return ExitCode.RUNTIME;
        });
        return cli;
    }

    /** The message, or the exception's kind when it has none (a bare NullPointerException). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    public static void main(String[] args) {
        // Netty's pooled allocator reports its chunks as Flight Recorder events whenever the JVM has
        // JFR: the first buffer then loads JFR's metadata on the event loop, 0.1 s of a Pi's start-up
        // inside the first DNS answer. Hearth records nothing with JFR; a profiling run can still
        // pass -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        System.exit(commandLine().execute(args));
    }
}
