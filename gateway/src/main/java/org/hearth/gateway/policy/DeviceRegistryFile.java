package org.hearth.gateway.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link DeviceRegistry} across restarts as a small JSON file in the data folder, written
 * off the hot path (a background thread, only when something changed) and atomically (temp file,
 * fsync, rename), so a power cut leaves the old file or the new one, never half of one.
 */
public final class DeviceRegistryFile {

    private static final Logger log = LoggerFactory.getLogger(DeviceRegistryFile.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final DeviceRegistry registry;

    public DeviceRegistryFile(Path file, DeviceRegistry registry) {
        this.file = file;
        this.registry = registry;
    }

    /** Loads the saved devices; a missing file is an empty registry, an unreadable one is set aside. */
    public void load() {
        try {
            registry.load(JSON.readValue(file.toFile(), new TypeReference<List<SeenDevice>>() {}));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            registry.load(List.of());
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".bad");
            log.warn("{} is unreadable ({}); moved to {} and starting with no remembered devices", file,
                    e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.warn("could not move {} aside: {}", file, moveFailed.getMessage());
            }
            registry.load(List.of());
        }
    }

    /**
     * Writes the file when the registry changed since the last save, last-seen times counting
     * once a minute old. Blocking: background threads only.
     */
    public boolean saveIfChanged() throws IOException {
        return registry.takeDirty() && save();
    }

    /** Writes the file when anything changed since the last save, the last time before a stop. */
    public boolean saveAnyChange() throws IOException {
        return registry.takeAnyChange() && save();
    }

    private boolean save() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(registry.all());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Saves every {@code interval} on {@code executor}; a failed save is logged and retried next time. */
    public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration interval) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                saveIfChanged();
            } catch (IOException | RuntimeException e) {
                log.warn("could not save {}: {}", file, e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
