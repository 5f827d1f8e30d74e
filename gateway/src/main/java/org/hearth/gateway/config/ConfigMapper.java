package org.hearth.gateway.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;

/** The one Jackson setup for hearth.yml: strict about unknown keys, durations in config form. */
public final class ConfigMapper {

    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()));

    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private ConfigMapper() {}

    /** The same setup for JSON: the admin API, and the effective config on one log line. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A shared, thread-safe mapper reading and writing hearth.yml's records. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** The Jackson module giving {@link Duration} its config form ("2s", "500ms", "PT2S"). */
    public static SimpleModule durationModule() {
        SimpleModule module = new SimpleModule("hearth-durations");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addSerializer(Duration.class, new DurationSerializer());
        return module;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        // JavaTimeModule first so other java.time types work; ours then overrides its Duration handling.
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(durationModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return Durations.parse(p.getText());
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
            }
        }
    }

    static final class DurationSerializer extends StdScalarSerializer<Duration> {
        DurationSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }
}
