package org.hearth.gateway.cli;

/** The process exit codes scripts and the service manager rely on. */
public final class ExitCode {

    /** Finished, or stopped by SIGTERM/SIGINT as asked. */
    public static final int OK = 0;
    /** Something went wrong at run time (a port in use, a folder that cannot be written). */
    public static final int RUNTIME = 1;
    /** The command line or the config is wrong; the problems were printed. Restarting will not help. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
