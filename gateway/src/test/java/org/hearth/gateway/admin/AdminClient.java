package org.hearth.gateway.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser stand-in over a real loopback socket: keeps the session cookie and the CSRF token. */
final class AdminClient {

    private static final Pattern CSRF = Pattern.compile("\"csrf\":\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(AdminAccess.COOKIE + "=([^;]*)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String cookie;
    String csrf;

    AdminClient(InetSocketAddress server) {
        this.base = "http://" + org.hearth.gateway.config.HostPort.format(server) + "";
    }

    String base() {
        return base;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header(AdminAccess.CSRF_HEADER, csrf);
        }
        return send(request.build());
    }

    /** manage: PUT, DELETE and the like, with the CSRF token as the page sends it. */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header(AdminAccess.CSRF_HEADER, csrf);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        response.headers().firstValue("Set-Cookie").ifPresent(value -> {
            Matcher matcher = COOKIE.matcher(value);
            if (matcher.find()) {
                cookie = matcher.group(1).isEmpty() ? null : matcher.group(1);
            }
        });
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", AdminAccess.COOKIE + "=" + cookie);
        }
        return builder;
    }
}
