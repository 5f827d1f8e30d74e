package org.hearth.gateway.dns;

/**
 * How long one {@code @FuzzTest} fuzzes when JAZZER_FUZZ=1 (fuzz/run-campaign.sh); without it the
 * tests only replay their committed seeds and this does not apply. An annotation needs a constant,
 * so the campaign's length per target is set here for every gateway target.
 */
public final class FuzzBudget {

    public static final String DEFAULT = "30s";

    private FuzzBudget() {}
}
