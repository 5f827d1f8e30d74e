package org.hearth.blocklists.format;

/** The list syntaxes Hearth reads. {@link FormatDetector} picks one from a list's first lines. */
public enum ListFormat {
    HOSTS,
    DOMAINS,
    ADBLOCK,
    DNSMASQ,
    RPZ,
    UNBOUND,
    /** Lists of resolver IP addresses: valid files, but nothing a DNS name index can hold. */
    IP_LIST;

    LineParser parser() {
        return switch (this) {
            case HOSTS -> new HostsParser();
            case DOMAINS -> new DomainsParser();
            case ADBLOCK -> new AdblockParser();
            case DNSMASQ -> new DnsmasqParser();
            case UNBOUND -> new UnboundParser();
            case IP_LIST -> new IpListParser();
            case RPZ -> throw new IllegalStateException("RPZ is parsed as a zone, not line by line");
        };
    }
}
