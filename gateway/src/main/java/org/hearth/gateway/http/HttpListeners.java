package org.hearth.gateway.http;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.hearth.gateway.config.HostPort;

/**
 * Starting the box's HTTP servers (the admin page, the child's pages): both must fail in one clear
 * line naming the addresses and the reason, leaving nothing running, so the gateway can log it and
 * keep serving DNS.
 */
public final class HttpListeners {

    private HttpListeners() {}

    /**
     * Starts {@code app} on its connectors.
     *
     * @param what what the server is, for the message ("admin server")
     * @return the addresses bound, in connector order (the real port where one said 0)
     * @throws IOException naming the addresses and the root cause when one cannot be bound; the app is stopped
     */
    public static List<InetSocketAddress> start(Javalin app, List<InetSocketAddress> listen, String what)
            throws IOException {
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            throw new IOException(what + " cannot listen on " + listen.stream().map(HostPort::format).toList() + ": "
                    + rootMessage(e), e);
        }
        List<InetSocketAddress> bound = new ArrayList<>();
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            ServerConnector server = (ServerConnector) connector;
            bound.add(new InetSocketAddress(server.getHost(), server.getLocalPort()));
        }
        return List.copyOf(bound);
    }

    /** The addresses as links, for the log line that says where a page answers. */
    public static List<String> links(List<InetSocketAddress> bound) {
        return bound.stream().map(a -> "http://" + HostPort.format(a) + "/").toList();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
