package org.hearth.gateway.app;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.lists.ConfiguredLists;
import org.hearth.gateway.lists.ListsRuntime;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.policy.PolicyRuntime;
import org.hearth.gateway.policy.Problem;
import org.hearth.gateway.resolve.UpstreamAddress;
import org.hearth.gateway.resolve.UpstreamPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an edited config in force in the running gateway, all or nothing: a config whose lists,
 * upstreams or policy has a problem changes nothing. The policy (profiles, devices, schedules,
 * blocking) takes effect for the next query; an edited {@code lists:} section or {@code listsRefresh}
 * is fetched and compiled on the lists thread while the last good index serves
 * ({@link ListsRuntime#reconfigure}); upstreams, log retention and alerts follow at once. The dns,
 * upstream timing and cache sections are read at start only, which the log says.
 *
 * <p>The index stores categories as bits in the catalog's order. When an edit moves a category's
 * bit (one removed or inserted before others) against the index in force or the one being built,
 * the new policy waits for the new index, so the two never disagree about which bit is which for
 * longer than the swap itself; a newer edit supersedes a policy still waiting.
 */
final class ConfigApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigApplier.class);

    private final PolicyRuntime policy;
    private final ListsRuntime lists;
    private final UpstreamPool upstreams;
    private final BlockLog blockLog;
    private final Alerts alerts;
    /** Counts apply() calls, so a policy deferred for a list rebuild yields to a newer edit. */
    private final AtomicLong applies = new AtomicLong();
    /** The catalog of the lists last asked for (in force once their build ends); null: as started. */
    private CategoryCatalog requestedCatalog;

    ConfigApplier(PolicyRuntime policy, ListsRuntime lists, UpstreamPool upstreams, BlockLog blockLog, Alerts alerts) {
        this.policy = policy;
        this.lists = lists;
        this.upstreams = upstreams;
        this.blockLog = blockLog;
        this.alerts = alerts;
    }

    /** @return the problems; empty when the edit was accepted (the lists may still be building) */
    synchronized List<Problem> apply(LoadedConfig config) {
        ConfiguredLists nextLists;
        try {
            nextLists = ConfiguredLists.from(config);
        } catch (ConfigException e) {
            return rejected(e.problems().stream().map(p -> new Problem("lists", p)).toList());
        }
        List<InetSocketAddress> nextUpstreams = new ArrayList<>();
        try {
            for (String upstream : config.config().upstreams()) {
                nextUpstreams.add(UpstreamAddress.parse(upstream));
            }
            if (nextUpstreams.isEmpty()) {
                throw new IllegalArgumentException("at least one upstream server is needed");
            }
        } catch (IllegalArgumentException e) {
            return rejected(List.of(new Problem("upstreams", e.getMessage())));
        }
        Duration refresh = config.config().listsRefresh();
        long mine = applies.incrementAndGet(); // a deferred policy from an older edit must not win
        CategoryCatalog requested = requestedCatalog == null ? lists.configured().catalog() : requestedCatalog;
        if (keepsBits(lists.configured().catalog(), nextLists.catalog()) && keepsBits(requested, nextLists.catalog())) {
            List<Problem> problems = policy.apply(config);
            if (!problems.isEmpty()) {
                return rejected(problems);
            }
            requestedCatalog = nextLists.catalog();
            lists.reconfigure(nextLists, refresh);
        } else {
            List<Problem> problems = policy.compiler().compile(config.config()).problems();
            if (!problems.isEmpty()) {
                return rejected(problems);
            }
            LOG.info("config reload moves category bits: the policy follows once the new index is built");
            requestedCatalog = nextLists.catalog();
            lists.reconfigure(nextLists, refresh).whenComplete((inForce, error) -> {
                // Even after a failed build: the edit's profiles and devices must not be lost, and
                // the next refresh builds the index these bits describe. A newer edit decides instead.
                if (applies.get() != mine) {
                    return;
                }
                List<Problem> late = policy.apply(config);
                if (!late.isEmpty()) {
                    LOG.warn("config reload: the policy could not follow the new lists: {}", late);
                }
            });
        }
        alerts.apply(config.config().alerts());
        upstreams.reconfigure(nextUpstreams);
        blockLog.apply(config.config().log());
        LOG.info("config reloaded from {}: policy, lists, upstreams, log retention and alerts applied (the dns,"
                + " upstream timing and cache sections apply at the next start)", config.file());
        return List.of();
    }

    private static List<Problem> rejected(List<Problem> problems) {
        LOG.warn("config reload rejected, the running config stays: {}", problems);
        return problems;
    }

    /** True if every category in both catalogs has the same bit in each. */
    private static boolean keepsBits(CategoryCatalog before, CategoryCatalog after) {
        for (Category c : before.all()) {
            Optional<Category> now = after.byId(c.id());
            if (now.isPresent() && now.get().bit() != c.bit()) {
                return false;
            }
        }
        return true;
    }
}
