/**
 * The Cache and Forward stages: what happens to a question the policy let through.
 *
 * <ul>
 *   <li>{@link org.hearth.gateway.resolve.CacheStage} answers from the
 *       {@link org.hearth.gateway.resolve.AnswerCache} (wire format, TTLs aged by patching their
 *       offsets, negative answers timed by the SOA per RFC 2308, size bounded in 512-byte units),
 *       coalesces identical questions in flight into one upstream request, prefetches entries
 *       asked for in the last tenth of their life, and serves stale answers (TTL 30, EDE 3) when
 *       the upstreams fail, without asking again for 30 s (RFC 8767).</li>
 *   <li>{@link org.hearth.gateway.resolve.ForwardStage}, always last, asks the
 *       {@link org.hearth.gateway.resolve.UpstreamPool}: upstreams in configured order, UDP first
 *       with EDNS0 1232 and the client's DO and CD, TCP when the answer is truncated, the next
 *       upstream on timeout, garbage, SERVFAIL, REFUSED, NOTIMP or FORMERR; three failures in a row
 *       (timeouts, socket errors, garbage, REFUSED) mark a server down until a probe gets a real
 *       answer. It never fails: when no upstream answers within the deadline it answers SERVFAIL
 *       with EDE 22, which the cache stage replaces with a stale answer when it has one.</li>
 * </ul>
 *
 * <p>The Netty side (one fresh UDP socket per query for a kernel-random source port, reply checks
 * on ID, question and source address) lives in {@code org.hearth.gateway.dns.upstream}.
 */
package org.hearth.gateway.resolve;
