package org.hearth.gateway.query;

import java.util.Locale;
import java.util.Objects;

/**
 * The one question of a query. {@code asked} keeps the client's spelling (mixed case, as in the
 * packet, without the trailing dot) because answers must echo it; {@code key} is the normalised
 * form (lower case, no trailing dot; the root is "") that caches, policy and lists compare.
 */
public record Question(String asked, String key, int type, int dclass) {

    public Question {
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(key, "key");
    }

    /** A question from a name as written in a packet or by a person, trailing dot optional. */
    public static Question of(String name, int type, int dclass) {
        String asked = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return new Question(asked, asked.toLowerCase(Locale.ROOT), type, dclass);
    }

    /** Class IN, the only class a home network really asks for. */
    public static Question of(String name, int type) {
        return of(name, type, 1);
    }
}
