package org.hearth.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The training run the package step records the class-data-sharing archive from: it must really
 * compile, serve and answer (forwarded, cached, blocked, over UDP and TCP) on loopback, or the
 * archive would be trained on a start that failed half-way.
 */
class StartupTrainingTest {

    @Test
    @Timeout(120)
    void compilesServesAnswersAndStops() throws Exception {
        assertThat(StartupTraining.run()).isEqualTo(ExitCode.OK);
    }
}
