package org.hearth.gateway.app;

import java.util.List;
import org.hearth.gateway.config.ConfigCheck;
import org.hearth.gateway.config.ConfigProblem;
import org.hearth.gateway.policy.PolicyCompiler;

/**
 * What a running gateway requires of a config beyond the standard checks: serve, check, a reload
 * and an edit from the admin page all hold a config to the same rules.
 */
public final class GatewayChecks {

    /** A gateway with nothing to forward to answers SERVFAIL to every allowed name: refuse to start so. */
    static final ConfigCheck NEEDS_UPSTREAMS = config -> config.upstreams().isEmpty()
            ? List.of(new ConfigProblem("upstreams", "is empty; hearth needs at least one DNS server to forward"
                    + " to, e.g. upstreams: [\"192.168.1.1\"]"))
            : List.of();

    /** Profiles, devices, schedules and blocking: the policy must compile. */
    static final ConfigCheck POLICY_COMPILES = config -> new PolicyCompiler().validate(config).stream()
            .map(problem -> new ConfigProblem(problem.path(), problem.message()))
            .toList();

    public static final List<ConfigCheck> ALL = List.of(NEEDS_UPSTREAMS, POLICY_COMPILES);

    private GatewayChecks() {}
}
