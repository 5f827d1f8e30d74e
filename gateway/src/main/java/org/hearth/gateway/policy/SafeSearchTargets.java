package org.hearth.gateway.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The search-engine names SafeSearch rewrites and the enforcement host each points to (the table in
 * gateway/POLICY.md). Exact names only: the enforcement hosts themselves are never rewritten.
 * Targets are resolved live, because some (strict.bing.com) are CDN names that rotate.
 */
public final class SafeSearchTargets {

    private static final String GOOGLE = "forcesafesearch.google.com";
    private static final String BING = "strict.bing.com";
    private static final String DUCKDUCKGO = "safe.duckduckgo.com";
    private static final String YANDEX = "familysearch.yandex.ru";
    private static final String PIXABAY = "safesearch.pixabay.com";
    private static final String BRAVE = "forcesafe.search.brave.com";
    private static final String ECOSIA = "strict-safe-search.ecosia.org";
    /** Marks YouTube names: their target depends on the profile's restricted mode. */
    private static final String YOUTUBE = "youtube";

    private static final List<String> YOUTUBE_NAMES = List.of("youtube.com", "www.youtube.com", "m.youtube.com",
            "youtubei.googleapis.com", "youtube.googleapis.com", "www.youtube-nocookie.com");
    private static final List<String> YANDEX_TLDS = List.of("az", "by", "co.il", "com", "com.am", "com.ge",
            "com.ru", "com.tr", "de", "ee", "eu", "fi", "fr", "kz", "lt", "lv", "md", "net", "org", "pl", "ru",
            "tj", "tm", "uz");

    private static final SafeSearchTargets BUILT_IN = load();

    private final Map<String, String> targets;

    private SafeSearchTargets(Map<String, String> targets) {
        this.targets = Map.copyOf(targets);
    }

    public static SafeSearchTargets builtIn() {
        return BUILT_IN;
    }

    /**
     * The enforcement host for {@code name} (normalised) under this YouTube mode, or null when the
     * name is not a search front end (or is YouTube and restricted mode is off).
     */
    public String target(String name, YouTubeMode youtube) {
        String t = targets.get(name);
        if (YOUTUBE.equals(t)) {
            return youtube.target();
        }
        return t;
    }

    /** How many names are rewritten (for the docs and a sanity test). */
    public int size() {
        return targets.size();
    }

    private static SafeSearchTargets load() {
        Map<String, String> map = new HashMap<>();
        for (String google : googleDomains()) {
            map.put(google, GOOGLE);
            map.put("www." + google, GOOGLE);
        }
        for (String name : YOUTUBE_NAMES) {
            map.put(name, YOUTUBE);
        }
        for (String name : List.of("bing.com", "www.bing.com", "edgeservices.bing.com")) {
            map.put(name, BING);
        }
        for (String name : List.of("duckduckgo.com", "start.duckduckgo.com", "www.duckduckgo.com")) {
            map.put(name, DUCKDUCKGO);
        }
        for (String tld : YANDEX_TLDS) {
            map.put("yandex." + tld, YANDEX);
            map.put("www.yandex." + tld, YANDEX);
        }
        for (String name : List.of("ya.ru", "www.ya.ru", "xn--d1acpjx3f.xn--p1ai", "www.xn--d1acpjx3f.xn--p1ai")) {
            map.put(name, YANDEX);
        }
        map.put("pixabay.com", PIXABAY);
        map.put("search.brave.com", BRAVE);
        map.put("www.ecosia.org", ECOSIA);
        return new SafeSearchTargets(map);
    }

    private static List<String> googleDomains() {
        try (InputStream in = SafeSearchTargets.class.getResourceAsStream("google-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("google-domains.txt missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(DomainNames::normalise).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
