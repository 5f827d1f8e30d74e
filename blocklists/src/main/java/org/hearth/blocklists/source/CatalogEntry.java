package org.hearth.blocklists.source;

/** One row of a bundled catalog: a list, its category, where it comes from and its licence. */
public record CatalogEntry(String name, String category, String location, String licence, String notes) {}
