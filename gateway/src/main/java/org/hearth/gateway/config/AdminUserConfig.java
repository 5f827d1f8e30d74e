package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * One entry of {@code admin.users}: an account of the admin page.
 *
 * @param role {@code admin} (changes everything) or {@code viewer} (reads the log and statistics)
 * @param passwordHash {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, as the admin page writes it; never
 *     the password itself
 */
public record AdminUserConfig(
        @JsonProperty("name") String name,
        @JsonProperty("role") String role,
        @JsonProperty("passwordHash") String passwordHash) {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";
    /** Letters of any script, digits and a few marks: "Mum", "ម៉ែ", "teacher.2b". */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}._@-]{0,63}");

    /** Whether {@code name} can name an account: 1 to 64 letters, digits, '.', '_', '@', '-'. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Never prints the hash: configs are logged and pasted into help requests. */
    @Override
    public String toString() {
        return "AdminUserConfig[" + name + ", " + role + "]";
    }
}
