package org.hearth.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The child-facing pages' words, one UTF-8 properties file per language in {@code /web/}
 * ({@code messages_en.properties}, {@code messages_km.properties}): another language is one more
 * file and one more entry in {@link #LANGUAGES}. English is complete; a key missing in another
 * language falls back to English (a test checks that none is missing).
 */
public final class Messages {

    /** The languages offered, the first being the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "km");

    private final Map<String, Properties> byLanguage;

    private Messages(Map<String, Properties> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** Reads every language's file from the classpath. */
    public static Messages load() {
        Map<String, Properties> all = new HashMap<>();
        for (String language : LANGUAGES) {
            String resource = "/web/messages_" + language + ".properties";
            try (InputStream in = Messages.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource + " in the jar");
                }
                Properties p = new Properties();
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
                all.put(language, p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return new Messages(Map.copyOf(all));
    }

    /**
     * The text of {@code key} in {@code language}, with {@code {0}}, {@code {1}}... replaced by the
     * arguments as given (the page escapes the whole text afterwards).
     */
    public String text(String language, String key, Object... args) {
        String template = byLanguage.getOrDefault(language, byLanguage.get(LANGUAGES.get(0))).getProperty(key);
        if (template == null) {
            template = byLanguage.get(LANGUAGES.get(0)).getProperty(key, key);
        }
        for (int i = 0; i < args.length; i++) {
            template = template.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return template;
    }

    /** Whether {@code key} exists in English (e.g. a text for a category id). */
    public boolean has(String key) {
        return byLanguage.get(LANGUAGES.get(0)).containsKey(key);
    }

    /** The keys English has that {@code language} lacks. */
    List<String> missing(String language) {
        Set<String> english = byLanguage.get(LANGUAGES.get(0)).stringPropertyNames();
        Properties other = byLanguage.get(language);
        List<String> missing = new ArrayList<>();
        for (String key : english) {
            if (other == null || !other.containsKey(key)) {
                missing.add(key);
            }
        }
        return missing;
    }

    /**
     * The language to answer in: {@code chosen} when it is offered (the page's language switch), else
     * the first offered language of {@code Accept-Language} by its weights, else English.
     */
    public static String choose(String chosen, String acceptLanguage) {
        if (chosen != null && LANGUAGES.contains(chosen)) {
            return chosen;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return LANGUAGES.get(0);
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            for (Locale.LanguageRange range : ranges) {
                String tag = range.getRange();
                String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                if (range.getWeight() > 0 && LANGUAGES.contains(primary)) {
                    return primary;
                }
            }
        } catch (IllegalArgumentException e) {
            // A header a browser would not send: answer in the fallback language rather than fail.
        }
        return LANGUAGES.get(0);
    }
}
