package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code profiles:} (the map key is the profile's name). Unset keys take the preset's
 * value, or the documented default without a preset (gateway/POLICY.md).
 *
 * @param preset a built-in starting point: young-child, child, teen, adult, guest, school-lab
 * @param block categories blocked on top of the preset's
 * @param unblock categories the preset blocks that this profile lets through
 * @param allow domains always answered (beats categories, schedules and deny rules)
 * @param deny domains always blocked (beats everything but the allow list)
 * @param safeSearch SafeSearch on the search engines (and YouTube restricted mode)
 * @param youtube YouTube restricted mode when SafeSearch is on: moderate (default) or strict, or off
 * @param bypassProtection canaries and the dns-bypass / proxy-vpn categories (default on)
 * @param allowOnly "block all, allow few": only the allow list resolves (a school lab)
 * @param blockMode overrides {@code blocking.mode} for this profile
 * @param schedules weekly windows that tighten the profile (bedtime, homework, school hours)
 */
public record ProfileConfig(
        @JsonProperty("preset") String preset,
        @JsonProperty("block") List<String> block,
        @JsonProperty("unblock") List<String> unblock,
        @JsonProperty("allow") List<String> allow,
        @JsonProperty("deny") List<String> deny,
        @JsonProperty("safeSearch") Boolean safeSearch,
        @JsonProperty("youtube") String youtube,
        @JsonProperty("bypassProtection") Boolean bypassProtection,
        @JsonProperty("allowOnly") Boolean allowOnly,
        @JsonProperty("blockMode") String blockMode,
        @JsonProperty("schedules") List<ScheduleConfig> schedules) {

    @JsonCreator
    public ProfileConfig {
        block = block == null ? List.of() : List.copyOf(block);
        unblock = unblock == null ? List.of() : List.copyOf(unblock);
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    /** The keys of the original contract; everything else takes its default. */
    public ProfileConfig(String preset, List<String> block, List<String> allow, List<String> deny,
            Boolean safeSearch) {
        this(preset, block, null, allow, deny, safeSearch, null, null, null, null, null);
    }
}
