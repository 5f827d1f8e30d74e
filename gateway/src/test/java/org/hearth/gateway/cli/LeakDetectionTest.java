package org.hearth.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {

    private static final String LEVEL = "io.netty.leakDetection.level";
    private static final String OLD_LEVEL = "io.netty.leakDetectionLevel";

    private ResourceLeakDetector.Level before;
    private String property;
    private String oldProperty;

    @BeforeEach
    void remember() {
        before = ResourceLeakDetector.getLevel();
        property = System.getProperty(LEVEL);
        oldProperty = System.getProperty(OLD_LEVEL);
    }

    @AfterEach
    void restore() {
        restore(LEVEL, property);
        restore(OLD_LEVEL, oldProperty);
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void theDaemonRunsWithoutTheDetectorWhenNobodyAskedForIt() {
        System.clearProperty(LEVEL);
        System.clearProperty(OLD_LEVEL);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE); // Netty's own default

        ServeCommand.leakDetectionOffUnlessAsked();

        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void aLevelAskedForOnTheCommandLineIsKept() {
        for (String name : new String[] {LEVEL, OLD_LEVEL}) {
            System.clearProperty(LEVEL);
            System.clearProperty(OLD_LEVEL);
            System.setProperty(name, "paranoid");
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);

            ServeCommand.leakDetectionOffUnlessAsked();

            assertThat(ResourceLeakDetector.getLevel()).as(name).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
