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
        @JsonProperty("log") LogConfig log) {

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
        admin = admin == null || admin.listen() == null ? new AdminConfig(AdminConfig.onDnsAddresses(dns.listen()))
                : admin;
        web = web == null ? new WebConfig(null) : web;
        dataDir = dataDir == null ? "." : dataDir;
        categories = categories == null ? List.of() : List.copyOf(categories);
        identity = identity == null ? IdentityConfig.DEFAULTS : identity;
        log = log == null ? LogConfig.defaults() : log;
    }

    /** This config with another data folder (the {@code --data} option beside {@code --config}). */
    public HearthConfig withDataDir(String folder) {
        return new HearthConfig(dns, upstreams, upstream, cache, lists, profiles, devices, defaultProfile, blocking,
                admin, web, folder, categories, identity, log);
    }

    /** Every key at its default: what an empty hearth.yml means. */
    public static HearthConfig defaults() {
        return new HearthConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
