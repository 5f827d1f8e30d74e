package org.hearth.gateway.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.gateway.config.HostPort;

/** The admin API over real HTTP, as the admin page uses it: first-run setup, session cookie, CSRF header. */
final class AdminApi {

    private static final Pattern CSRF = Pattern.compile("\"csrf\":\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("hearth_session=([^;]*)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String cookie;
    private String csrf;

    AdminApi(InetSocketAddress server) {
        this.base = "http://" + HostPort.format(server);
    }

    /** Sets the first password with the setup code the box wrote into its data folder; signs in. */
    AdminApi setUp(Path dataDir) throws IOException, InterruptedException {
        String code = Files.readString(dataDir.resolve(org.hearth.gateway.admin.SetupCode.FILE_NAME)).strip();
        HttpResponse<String> r = post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("setup failed: " + r.statusCode() + " " + r.body());
        }
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
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

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", "hearth_session=" + cookie);
        }
        if (csrf != null) {
            builder.header("X-Hearth-Csrf", csrf);
        }
        return builder;
    }
}
