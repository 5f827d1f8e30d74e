package org.hearth.gateway.web;

/**
 * A child-facing page as text. Every piece of text goes through {@link #text}: names come from
 * whoever asked (a Host header, a log entry) and must never become markup. Markup is written only
 * by this package's code. No script, no inline style: the page's CSP allows neither.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(4096);

    Html(String language, String title) {
        out.append("<!doctype html>\n<html lang=\"").append(escape(language)).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/hearth-child.css\"></head><body><main>");
    }

    /** Markup written by this package, never anything that came in a request or the log. */
    Html markup(String trusted) {
        out.append(trusted);
        return this;
    }

    Html text(String untrusted) {
        out.append(escape(untrusted));
        return this;
    }

    /** {@code <tag attrs>text</tag>}; attrs are written by this package. */
    Html element(String tag, String attrs, String text) {
        out.append('<').append(tag).append(attrs.isEmpty() ? "" : " " + attrs).append('>').append(escape(text))
                .append("</").append(tag).append('>');
        return this;
    }

    Html link(String href, String text, String attrs) {
        out.append("<a href=\"").append(escape(href)).append('"').append(attrs.isEmpty() ? "" : " " + attrs)
                .append('>').append(escape(text)).append("</a>");
        return this;
    }

    String finish() {
        return out.append("</main></body></html>\n").toString();
    }

    /** Escapes for text and for attribute values in double quotes. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
