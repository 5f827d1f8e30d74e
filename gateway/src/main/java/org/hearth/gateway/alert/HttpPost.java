package org.hearth.gateway.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** One POST with timeouts, for the webhook and push channels; anything but 2xx is a failure. */
final class HttpPost {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Receivers that answer with a page of HTML should not fill the log. */
    private static final int MAX_SHOWN_BODY = 200;

    /**
     * Built at the first delivery, not with the channels: an {@code HttpClient} initialises TLS
     * (about 900 classes), which cost a quarter of a Pi's start-up before the first DNS answer on
     * every box, alert channels or not.
     */
    private HttpClient client;

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    /** {@code shownAs} names the channel in errors: the URL may hold a secret, so it is never in them. */
    void post(String shownAs, URI uri, byte[] body, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("User-Agent", "Hearth");
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(shownAs + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(shownAs + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new DeliveryException(shownAs + ": HTTP " + response.statusCode()
                    + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(text.length(), MAX_SHOWN_BODY))));
        }
    }
}
