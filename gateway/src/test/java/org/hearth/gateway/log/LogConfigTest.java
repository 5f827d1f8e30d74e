package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import org.hearth.gateway.config.LogConfig;
import org.junit.jupiter.api.Test;

/** The {@code log:} section read the way ConfigLoader reads hearth.yml. */
class LogConfigTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void emptySectionIsPrivateByDefault() throws Exception {
        LogConfig config = yaml.readValue("{}", LogConfig.class);
        assertThat(config).isEqualTo(LogConfig.defaults());
        assertThat(config.allowed()).isFalse();
        assertThat(config.retentionDays()).isEqualTo(30);
        assertThat(config.aggregateRetentionDays()).isEqualTo(365);
        assertThat(config.allowedRetentionDays()).isEqualTo(7);
        assertThat(config.batchInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maxSizeBytes()).isEqualTo(256L << 20);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        LogConfig config = yaml.readValue("""
                retentionDays: 14
                maxSizeMb: 64
                aggregateRetentionDays: 100
                allowed: true
                allowedRetentionDays: 2
                queueSize: 5000
                batchInterval: PT0.5S
                """, LogConfig.class);
        assertThat(config).isEqualTo(new LogConfig(14, 64, 100, true, 2, 5000, Duration.ofMillis(500)));
    }

    @Test
    void badValuesAreErrorsNamingTheKey() {
        assertThatThrownBy(() -> yaml.readValue("retentionDays: 0", LogConfig.class))
                .hasMessageContaining("log.retentionDays: 0 must be at least 1");
        assertThatThrownBy(() -> yaml.readValue("batchInterval: PT5S", LogConfig.class))
                .hasMessageContaining("log.batchInterval");
        assertThatThrownBy(() -> yaml.readValue("retention: 3", LogConfig.class))
                .hasMessageContaining("retention");
    }
}
