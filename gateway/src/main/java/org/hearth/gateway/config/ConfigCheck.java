package org.hearth.gateway.config;

import java.util.List;

/**
 * A semantic check on a parsed config, added by the package that understands that part (the policy
 * checks profiles and devices). Problems name a key path; {@link ConfigLoader} turns the path into
 * the file's line, so every problem reads {@code hearth.yml:42: profiles.kids.block[2]: ...}.
 *
 * <p>Paths join mapping keys with {@code .} and give list positions as {@code [i]}, counting from 0:
 * {@code dns.listen[1]}, {@code lists[0].category}, {@code profiles.kids.block[2]}. A path that is
 * not in the file (a missing key) is reported at the line of its nearest ancestor that is.
 */
@FunctionalInterface
public interface ConfigCheck {

    /** Every problem found; an empty list when the config is fine. Must not throw for bad values. */
    List<ConfigProblem> check(HearthConfig config);
}
