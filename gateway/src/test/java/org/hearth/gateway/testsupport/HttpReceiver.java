package org.hearth.gateway.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (port 0) that records every request and answers with the statuses a
 * test scripts (then 200): a webhook or push receiver that can fail first.
 */
public final class HttpReceiver implements AutoCloseable {

    /** One request as received: headers by lower-case name, body as UTF-8 text, status answered. */
    public record Request(String method, String path, Map<String, String> headers, String body, int status) {}

    private final HttpServer server;
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    private HttpReceiver(HttpServer server) {
        this.server = server;
    }

    public static HttpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpReceiver receiver = new HttpReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "http-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return receiver;
    }

    /** The next requests are answered with these statuses, in order; after them, 200. */
    public synchronized HttpReceiver answer(Integer... codes) {
        statuses.addAll(List.of(codes));
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests answered with 2xx: what the receiver accepted. */
    public synchronized List<Request> accepted() {
        return requests.stream().filter(r -> r.status() / 100 == 2).toList();
    }

    /** Waits (bounded) until at least {@code count} requests were accepted; returns them. */
    public List<Request> awaitAccepted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (accepted().size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " accepted requests within " + timeout + ", got "
                            + requests);
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return accepted();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                String.join(",", v)));
        int status;
        synchronized (this) {
            status = statuses.isEmpty() ? 200 : statuses.poll();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    new String(body, StandardCharsets.UTF_8), status));
            notifyAll();
        }
        byte[] reply = (status == 200 ? "ok" : "failing on purpose").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
