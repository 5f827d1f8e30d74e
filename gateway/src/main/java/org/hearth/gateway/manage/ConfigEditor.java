package org.hearth.gateway.manage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.config.ConfigCheck;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.ConfigWriter;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LoadedConfig;

/**
 * The one way the admin page changes the box: read hearth.yml as it is on disk now (a hand edit
 * made meanwhile is kept), change it, hold the result to the same checks as the config file, write
 * it atomically, put it in force without a restart, and record who changed what.
 *
 * <p>One edit at a time: two admins saving at once each see the other's change, never lose it.
 */
public final class ConfigEditor {

    /** Puts a config that was written into force; returns its problems (empty: in force). */
    @FunctionalInterface
    public interface Applier {
        List<String> apply(LoadedConfig config);
    }

    /**
     * What an edit did.
     *
     * @param config the config now on disk and in force
     * @param changes the changed keys, as the audit trail records them; empty when nothing changed
     * @param problems what the running gateway could not apply (the file is written regardless)
     */
    public record Outcome(LoadedConfig config, List<String> changes, List<String> problems) {}

    private final Path file;
    private final List<ConfigCheck> checks;
    private final Applier applier;
    private final AuditTrail audit;

    public ConfigEditor(Path file, List<ConfigCheck> checks, Applier applier, AuditTrail audit) {
        this.file = file.toAbsolutePath().normalize();
        this.checks = List.copyOf(checks);
        this.applier = applier;
        this.audit = audit;
    }

    /** The config file this editor writes. */
    public Path file() {
        return file;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** The config as the file says now. */
    public LoadedConfig current() throws ConfigException {
        return ConfigLoader.load(file, checks);
    }

    /** The file's text as it is, comments included. */
    public String text() throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * The config export: the file as it is, comments included, unless it holds secrets (the alert
     * channels' password, token, webhook path). Then the config is written out afresh with each secret
     * shown as {@link AlertsConfig#SECRET}: an export may end up pasted into a help request. Importing
     * it back keeps the box's own secrets ({@link #replace}).
     */
    public String export() throws IOException, ConfigException {
        HearthConfig config = current().config();
        HearthConfig redacted = config.redacted();
        if (redacted.equals(config)) {
            return text();
        }
        return "# Exported from Hearth; the secrets read " + AlertsConfig.SECRET
                + " and importing this file keeps the box's own.\n" + ConfigWriter.toYaml(redacted);
    }

    /**
     * Applies {@code change} to the config on disk.
     *
     * @param who the signed-in user, for the audit trail
     * @param action what the user did, in words
     * @throws ConfigException when the changed config fails a check; nothing is written then
     * @throws IOException when the file cannot be written; the old file stays whole
     */
    public synchronized Outcome edit(String who, String action, UnaryOperator<HearthConfig> change)
            throws ConfigException, IOException {
        LoadedConfig before = current();
        HearthConfig after = change.apply(before.config());
        List<String> changes = ConfigDiff.between(before.config(), after);
        if (changes.isEmpty()) {
            return new Outcome(before, List.of(), List.of());
        }
        LoadedConfig written = write(before.config(), after);
        return applied(who, action, written, changes);
    }

    /**
     * Writes {@code after}, keeping the file's text (comments, layout) for every top-level section
     * the edit left alone; the whole config afresh when the text cannot be followed that way.
     */
    private LoadedConfig write(HearthConfig before, HearthConfig after) throws ConfigException, IOException {
        String edited;
        try {
            edited = SectionEdit.apply(text(), before, after);
        } catch (RuntimeException e) {
            return ConfigWriter.write(file, after, checks);
        }
        LoadedConfig parsed;
        try {
            parsed = ConfigLoader.parse(edited, file, checks);
        } catch (ConfigException e) {
            return ConfigWriter.write(file, after, checks); // the checks speak on the whole config
        }
        if (!parsed.config().equals(after)) {
            return ConfigWriter.write(file, after, checks);
        }
        return ConfigWriter.write(file, edited, checks);
    }

    /**
     * Replaces the whole file with {@code yaml} (the config import), after the same checks.
     *
     * @throws ConfigException naming the line and key of each problem; nothing is written then
     */
    public synchronized Outcome replace(String who, String action, String yaml) throws ConfigException, IOException {
        LoadedConfig before = current();
        LoadedConfig written;
        if (yaml.contains(AlertsConfig.SECRET)) {
            // An export with its secrets masked: put the box's own back, rather than a row of stars.
            HearthConfig imported = ConfigLoader.parse(yaml, file, checks).config();
            written = ConfigWriter.write(file,
                    imported.withAlerts(imported.alerts().keepSecrets(before.config().alerts())), checks);
        } else {
            written = ConfigWriter.write(file, yaml, checks);
        }
        List<String> changes = ConfigDiff.between(before.config(), written.config());
        return applied(who, action, written, changes.isEmpty() ? List.of("(comments or layout only)") : changes);
    }

    private Outcome applied(String who, String action, LoadedConfig written, List<String> changes) {
        List<String> problems = applier.apply(written);
        audit.record(who, action, changes);
        return new Outcome(written, changes, problems);
    }
}
