package org.hearth.gateway.policy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.CategorySet;
import org.hearth.gateway.config.ProfileConfig;
import org.hearth.gateway.config.ScheduleConfig;

/** Compiles one profile of the config, adding its problems to the compiler's list. */
final class ProfileCompiler {
    private final CategoryCatalog catalog;
    private final List<Problem> problems;

    ProfileCompiler(CategoryCatalog catalog, List<Problem> problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    Profile compile(String name, ProfileConfig c, BlockMode globalMode) {
        String at = "profiles." + name;
        Preset preset = null;
        if (c.preset() != null) {
            preset = Preset.byKey(c.preset()).orElse(null);
            if (preset == null) {
                problems.add(new Problem(at + ".preset", PolicyCompiler.quote(c.preset()) + " is not a preset; one of "
                        + Arrays.stream(Preset.values()).map(Preset::key).toList()));
            }
        }
        boolean bypass = c.bypassProtection() != null ? c.bypassProtection()
                : preset == null || preset.bypassProtection();
        CategorySet blocked = categories(preset == null ? List.of() : preset.blocks(), at + ".preset");
        blocked = blocked.union(categories(c.block(), at + ".block"));
        if (bypass) {
            blocked = blocked.union(categories(List.of("dns-bypass", "proxy-vpn"), at));
        }
        blocked = blocked.minus(categories(c.unblock(), at + ".unblock"));
        boolean safeSearch = c.safeSearch() != null ? c.safeSearch() : preset != null && preset.safeSearch();
        YouTubeMode youtube = preset == null || preset.youtube() == YouTubeMode.OFF
                ? YouTubeMode.MODERATE : preset.youtube();
        if (c.youtube() != null) {
            youtube = YouTubeMode.byKey(c.youtube()).orElse(null);
            if (youtube == null) {
                problems.add(new Problem(at + ".youtube", PolicyCompiler.quote(c.youtube()) + " is not off, moderate or strict"));
                youtube = YouTubeMode.MODERATE;
            }
        }
        BlockMode mode = globalMode;
        if (c.blockMode() != null) {
            mode = BlockMode.byKey(c.blockMode()).orElse(null);
            if (mode == null) {
                problems.add(new Problem(at + ".blockMode", PolicyCompiler.quote(c.blockMode())
                        + " is not zero-ip, nxdomain or blockpage"));
                mode = globalMode;
            }
        }
        List<Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < c.schedules().size(); i++) {
            Schedule s = schedule(c.schedules().get(i), at + ".schedules[" + i + "]", i);
            if (s != null) {
                schedules.add(s);
            }
        }
        return new Profile(name, blocked, rules(c.allow(), at + ".allow"), rules(c.deny(), at + ".deny"),
                safeSearch, youtube, bypass, c.allowOnly() != null && c.allowOnly(), mode, schedules);
    }

    private Schedule schedule(ScheduleConfig s, String at, int index) {
        if (s == null) {
            problems.add(new Problem(at, "is empty"));
            return null;
        }
        int before = problems.size();
        String name = s.name() == null || s.name().isBlank() ? "schedule " + (index + 1) : s.name();
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < s.days().size(); i++) {
            Set<DayOfWeek> parsed = ScheduleDays.parse(s.days().get(i));
            if (parsed == null) {
                problems.add(new Problem(at + ".days[" + i + "]", PolicyCompiler.quote(s.days().get(i))
                        + " is not a day (mon..sun, weekdays, weekends, daily)"));
            } else {
                days.addAll(parsed);
            }
        }
        LocalTime from = time(s.from(), at + ".from");
        LocalTime to = time(s.to(), at + ".to");
        CategorySet extra = categories(s.block(), at + ".block");
        if (!s.blockAll() && s.block().isEmpty()) {
            problems.add(new Problem(at, "needs block: [categories] or blockAll: true"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Schedule(name, days, from, to, extra, s.blockAll());
    }

    private LocalTime time(String text, String at) {
        if (text == null) {
            problems.add(new Problem(at, "is required (HH:mm)"));
            return null;
        }
        try {
            return LocalTime.parse(text.strip().length() == 4 ? "0" + text.strip() : text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(at, PolicyCompiler.quote(text) + " is not a time of day (HH:mm)"));
            return null;
        }
    }

    private CategorySet categories(List<String> ids, String at) {
        CategorySet set = CategorySet.EMPTY;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Category c = id == null ? null : catalog.byId(id.strip()).orElse(null);
            if (c == null) {
                problems.add(new Problem(at + "[" + i + "]", PolicyCompiler.quote(id) + " is not a category"));
            } else {
                set = set.union(CategorySet.of(c));
            }
        }
        return set;
    }

    private DomainRules rules(List<String> names, String at) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            try {
                out.add(DomainNames.normalise(Objects.requireNonNull(n, "empty name")));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(new Problem(at + "[" + i + "]", PolicyCompiler.quote(n) + " is not a domain name: "
                        + e.getMessage()));
            }
        }
        return DomainRules.of(out);
    }
}
