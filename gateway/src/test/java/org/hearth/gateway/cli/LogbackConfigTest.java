package org.hearth.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logging set-up, {@link LogSetup} (there is no logback-test.xml, so tests run with it too). */
class LogbackConfigTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void infoForHearthWarnForLibraries() {
        assertThat(context.getLogger("org.hearth.gateway.Anything").getEffectiveLevel()).isEqualTo(Level.INFO);
        for (String library : new String[] {"io.netty.channel", "org.xbill.DNS", "com.github.benmanes.caffeine"}) {
            assertThat(context.getLogger(library).getEffectiveLevel()).as(library).isEqualTo(Level.WARN);
        }
    }

    @Test
    void eventWithMultiLineMessageAndStackTraceIsOneLineOnStderr() throws IOException {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr =
                (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) stderr.getEncoder();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.WARN, "first\nsecond",
                new IOException("boom", new IllegalStateException("cause")), null);
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n").contains("WARN", "first | second",
                "java.io.IOException: boom | at ", "Caused by: java.lang.IllegalStateException: cause");
    }

    @Test
    void rootLevelFromTheSystemProperty() {
        LoggerContext fresh = new LoggerContext();
        String before = System.getProperty("hearth.log.level");
        System.setProperty("hearth.log.level", "DEBUG");
        try {
            new LogSetup().configure(fresh);
        } finally {
            if (before == null) {
                System.clearProperty("hearth.log.level");
            } else {
                System.setProperty("hearth.log.level", before);
            }
        }
        assertThat(fresh.getLogger("org.hearth.gateway.Anything").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(fresh.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
    }
}
