package org.hearth.gateway.admin;

/**
 * How the DNS side stands, as the health route reports it.
 *
 * @param dnsListeners the dns.listen addresses bound (UDP and TCP each)
 * @param upstreams the configured upstream servers
 * @param upstreamsDown those the pool currently counts as down
 */
public record GatewayHealth(int dnsListeners, int upstreams, int upstreamsDown) {}
