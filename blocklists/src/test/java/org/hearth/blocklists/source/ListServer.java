package org.hearth.blocklists.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on loopback, port 0, serving one list whose response a test changes at will. */
final class ListServer implements AutoCloseable {

    record Response(int status, byte[] body, String etag, String encoding) {}

    private final HttpServer server;
    private volatile Response response = new Response(404, new byte[0], null, null);
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

    ListServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/list.txt", exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(inm));
            Response r = response;
            if (r.etag() != null) {
                exchange.getResponseHeaders().add("ETag", r.etag());
                if (r.etag().equals(inm)) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
            }
            if (r.encoding() != null) {
                exchange.getResponseHeaders().add("Content-Encoding", r.encoding());
            }
            exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(r.body());
            }
        });
        server.start();
    }

    void respond(Response r) {
        this.response = r;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/list.txt");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
