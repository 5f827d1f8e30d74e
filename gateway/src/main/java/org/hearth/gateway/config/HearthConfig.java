package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of hearth.yml, one record per section. Every key has a documented default, so an empty
 * file is a valid config. Key names listed in CONTRACT.md never change.
 *
 * @param categories ids of custom categories that list sources may use besides the built-in ones
 * @param identity how devices are recognised (neighbour tables, DHCP leases, trusted forwarders)
 * @param log the blocked-lookup log: retention, privacy, queue
 * @param alerts alerts: channels, rules, quiet hours, weekly summary (gateway/ALERTS.md)
 * @param listsRefresh how often remote list sources are downloaded again (plus a tenth of it, at
 *     most an hour, of random delay); at least 1m, default 24h; an edit applies without restart
 */
public record HearthConfig(
        @JsonProperty("dns") DnsConfig dns,
        @JsonProperty("upstreams") List<String> upstreams,
        @JsonProperty("upstream") UpstreamConfig upstream,
        @JsonProperty("cache") CacheConfig cache,
        @JsonProperty("lists") List<ListSourceConfig> lists,
        @JsonProperty("profiles") Map<String, ProfileConfig> profiles,
        @JsonProperty("devices") List<DeviceConfig> devices,
        @JsonProperty("defaultProfile") String defaultProfile,
        @JsonProperty("blocking") BlockingConfig blocking,
        @JsonProperty("admin") AdminConfig admin,
        @JsonProperty("web") WebConfig web,
        @JsonProperty("dataDir") String dataDir,
        @JsonProperty("categories") List<String> categories,
        @JsonProperty("identity") IdentityConfig identity,
        @JsonProperty("log") LogConfig log,
        @JsonProperty("alerts") AlertsConfig alerts,
        // reliab3: lists refresh interval (issue 10)
        @JsonProperty("listsRefresh") java.time.Duration listsRefresh) {

    @JsonCreator
    public HearthConfig {
        dns = dns == null ? new DnsConfig(null, null, null, null, null, null, null, null, null, null) : dns;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        upstream = upstream == null ? new UpstreamConfig(null, null, null) : upstream;
        cache = cache == null ? new CacheConfig(null, null, null, null, null) : cache;
        lists = lists == null ? List.of() : List.copyOf(lists);
        profiles = profiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        devices = devices == null ? List.of() : List.copyOf(devices);
        blocking = blocking == null ? new BlockingConfig(null) : blocking;
        // adminx: a section that gives users or hosts but no listen still gets the default listen.
        admin = admin == null ? new AdminConfig(AdminConfig.onDnsAddresses(dns.listen()))
                : admin.listen() == null ? admin.withListen(AdminConfig.onDnsAddresses(dns.listen())) : admin;
        // web: like admin, without web.listen the child's pages answer on port 80 of each DNS address
        web = web == null || web.listen() == null
                ? new WebConfig(WebConfig.onDnsAddresses(dns.listen()), web == null ? null : web.helpline()) : web;
        dataDir = dataDir == null ? "." : dataDir;
        categories = categories == null ? List.of() : List.copyOf(categories);
        identity = identity == null ? IdentityConfig.DEFAULTS : identity;
        log = log == null ? LogConfig.defaults() : log;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        listsRefresh = listsRefresh == null ? java.time.Duration.ofHours(24) : listsRefresh; // reliab3
    }

    /** This config with another data folder (the {@code --data} option beside {@code --config}). */
    public HearthConfig withDataDir(String folder) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, folder, categories, identity, log, alerts, listsRefresh);
    }

    // One section replaced, the rest kept: what the admin page's edits are made of, so no caller
    // spells out all seventeen parts (and breaks when a section is added).

    public HearthConfig withUpstreams(List<String> value) {
        return new HearthConfig(dns, value, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withLists(List<ListSourceConfig> value) {
        return new HearthConfig(dns, upstreams, upstream, cache, value, profiles, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withProfiles(Map<String, ProfileConfig> value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, value, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withDevices(List<DeviceConfig> value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, value, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withDefaultProfile(String value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, value, blocking,
                admin, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withBlocking(BlockingConfig value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, value,
                admin, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withAdmin(AdminConfig value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                value, web, dataDir, categories, identity, log, alerts, listsRefresh);
    }

    public HearthConfig withLog(LogConfig value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, value, alerts, listsRefresh);
    }

    public HearthConfig withListsRefresh(java.time.Duration value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, alerts, value);
    }

    public HearthConfig withAlerts(AlertsConfig value) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, value, listsRefresh);
    }

    /**
     * alerts: this config with its secrets replaced ({@link AlertsConfig#redacted()}): what the log's
     * effective-config line and a config export show.
     */
    public HearthConfig redacted() {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, dataDir, categories, identity, log, alerts.redacted(), listsRefresh);
    }

    /**
     * adminx: {@link #redacted()} with the admin accounts' password hashes hidden too: the effective
     * config in the log. (A config export keeps the hashes: a backup that restores no one's sign-in
     * would be no backup.)
     */
    public HearthConfig withoutSecrets() {
        return redacted().withAdmin(admin.withUsers(admin.users().stream()
                .map(user -> new AdminUserConfig(user.name(), user.role(), "(hidden)")).toList()));
    }

    /** Every key at its default: what an empty hearth.yml means. */
    public static HearthConfig defaults() {
        return new HearthConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
