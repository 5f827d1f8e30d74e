package org.hearth.gateway.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hearth.gateway.config.HostPort;
import org.hearth.gateway.http.HttpListeners;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.config.WebConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.PolicyExplainer;
import org.hearth.gateway.policy.PolicyRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child-facing web server on web.listen (port 80 of each DNS address by default): the block
 * page and the "why" page with its "ask to unblock" form (gateway/WEB.md). Plain HTML, no script.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final List<InetSocketAddress> addresses;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * What the pages read and change.
     *
     * @param explainer identifies the asking device by address and explains a blocked name for it
     * @param boxName the box's name in force (blocking.boxName)
     * @param log the blocked-lookup log, read for the asking device only
     * @param requests where a child's request goes
     * @param helpline the "talk to someone" link, or null
     * @param clock the wall clock in the box's zone
     */
    public record Sources(PolicyExplainer explainer, Supplier<String> boxName, LogQueries log,
            UnblockRequests requests, WebConfig.Helpline helpline, Clock clock) {}

    private WebServer(Javalin app, List<InetSocketAddress> addresses) {
        this.app = app;
        this.addresses = addresses;
    }

    /**
     * Binds every address and starts serving.
     *
     * @throws IOException naming the addresses and the reason when one cannot be bound; nothing is
     *     left running then
     */
    public static WebServer start(List<InetSocketAddress> listen, Sources sources) throws IOException {
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("web.listen names no address");
        }
        Messages messages = Messages.load();
        ChildSite site = new ChildSite(sources.explainer(), sources.boxName(), sources.log(), sources.requests(),
                new ChildPages(messages, sources.helpline(), sources.clock().getZone()), messages,
                new FormToken(new SecureRandom(), sources.clock()), sources.clock());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            // Every device of the house may open it, but a page is small: a few threads do. One
            // acceptor and one selector per address, as the admin server, so the pool always fits.
            QueuedThreadPool threads = new QueuedThreadPool(8 + 2 * listen.size(), 2);
            threads.setName("hearth-web");
            config.jetty.threadPool = threads;
            for (InetSocketAddress address : listen) {
                config.jetty.addConnector((server, http) -> {
                    http.setSendServerVersion(false);
                    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
                    connector.setHost(address.getAddress().getHostAddress());
                    connector.setPort(address.getPort());
                    // A phone that opened the page and left holds no thread for long.
                    connector.setIdleTimeout(30_000);
                    return connector;
                });
            }
        });
        site.register(app);
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("child page {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType("text/plain; charset=utf-8").result("Sorry, something went wrong.");
        });
        List<InetSocketAddress> bound = HttpListeners.start(app, listen, "child web page");
        LOG.info("child's block page and \"why\" page on {}", HttpListeners.links(bound));
        return new WebServer(app, bound);
    }

    /**
     * Starts on the config's web.listen addresses. What the gateway's wiring calls.
     *
     * @return empty when web.listen is empty (no pages wanted) or when it cannot start, which is
     *     logged in one line: the contract is that DNS keeps serving
     */
    public static Optional<WebServer> startFor(LoadedConfig config, PolicyRuntime policy, UnblockRequests requests,
            Clock clock) {
        WebConfig web = config.config().web();
        if (web.listen().isEmpty()) {
            LOG.info("web.listen is empty: no block page or \"why\" page");
            return Optional.empty();
        }
        try {
            List<InetSocketAddress> listen = new ArrayList<>();
            for (String text : web.listen()) {
                listen.add(HostPort.parseListen(text, WebConfig.DEFAULT_PORT));
            }
            LogQueries log = new LogQueries(LogDatabase.inDataDir(config.dataDir(), clock));
            return Optional.of(start(listen, new Sources(policy.explainer(), () -> policy.snapshots().current().boxName(),
                    log, requests, web.helpline(), clock)));
        } catch (IOException e) {
            // One line: the address and the reason (port 80 needs root or CAP_NET_BIND_SERVICE, or is taken).
            LOG.error("child web page not started; DNS keeps serving: {}", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("child web page not started; DNS keeps serving", e);
            return Optional.empty();
        }
    }

    /** The addresses bound, in web.listen order (the real port where it said 0). */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
        }
    }

}
