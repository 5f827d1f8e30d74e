package org.hearth.gateway.query;

/** How a query reached us; decides truncation (UDP only) and framing. */
public enum Transport {
    UDP,
    TCP
}
