package org.hearth.gateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads hearth.yml into a {@link LoadedConfig}, or says precisely what is wrong with it. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {}

    public static LoadedConfig load(Path file) throws ConfigException {
        String shown = file.getFileName().toString();
        try {
            HearthConfig config = YAML.readValue(file.toFile(), HearthConfig.class);
            return new LoadedConfig(config == null ? new HearthConfig(null, null, null, null, null, null, null,
                    null, null, null, null, null) : config, file);
        } catch (JsonMappingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(List.of(shown + ":" + line + ": " + e.getPathReference() + ": "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(shown + ": cannot read: " + e.getMessage()));
        }
    }
}
