package org.hearth.gateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * Hearth's logging set-up, found by logback through {@code META-INF/services}: one line per event
 * on stderr (stdout is for what a command prints), INFO by default ({@code HEARTH_LOG_LEVEL} in the
 * environment or {@code -Dhearth.log.level=DEBUG} for more), libraries at WARN so their chatter does
 * not drown hearth's own events, and a stack trace or a multi-line message folded onto its event's
 * line so that a log reader (journald, grep) keeps it together.
 *
 * <p>In code rather than a logback.xml because reading the XML (the SAX parser, Joran's model and
 * actions) loaded about 400 classes before any {@code hearth} command ran: 486 logback and 122 XML
 * classes then, 211 and none now (issue 9, {@code -Xlog:class+load}). {@code -Dlogback.configurationFile}
 * still wins: then this steps aside and logback reads that file.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - "
            + "%replace(%msg){'\\s*\\R\\s*', ' | '}"
            + "%replace(%replace( %ex{full}){'\\s*\\R\\s*', ' | '}){'( \\| )?\\s*$', ''}%nopex%n";
    private static final List<String> QUIET_LIBRARIES = List.of("io.netty", "org.xbill", "com.github.benmanes.caffeine",
            "com.fasterxml.jackson", "io.javalin", "org.eclipse.jetty", "org.sqlite", "io.micrometer", "picocli");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(rootLevel(), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String rootLevel() {
        String level = System.getProperty("hearth.log.level");
        if (level == null) {
            level = System.getenv("HEARTH_LOG_LEVEL");
        }
        return level;
    }
}
