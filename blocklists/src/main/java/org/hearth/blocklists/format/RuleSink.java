package org.hearth.blocklists.format;

/** Receives the rules of a list as they are read, so millions of them need not be held at once. */
@FunctionalInterface
public interface RuleSink {
    void accept(ListRule rule);
}
