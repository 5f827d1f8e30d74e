package org.hearth.blocklists.source;

/** A list source could not be read or downloaded, or its download looked wrong; says which and why. */
public final class ListSourceException extends Exception {

    public ListSourceException(ListSource source, String problem, Throwable cause) {
        super("list \"" + source.name() + "\" (" + source.location() + "): " + problem, cause);
    }

    public ListSourceException(ListSource source, String problem) {
        this(source, problem, null);
    }
}
