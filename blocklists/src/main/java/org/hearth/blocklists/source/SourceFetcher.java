package org.hearth.blocklists.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.hearth.blocklists.format.ListReader;
import org.hearth.blocklists.format.ParseReport;

/**
 * Downloads remote sources with conditional requests (ETag / If-Modified-Since), gzip, a size cap
 * and timeouts. A download replaces the last good copy only when it parses completely and does not
 * look suspicious (HTTP error, empty, truncated gzip, far fewer entries than last time).
 */
public final class SourceFetcher {

    /** Bounds on one download. */
    public record Limits(long maxBytes, Duration connectTimeout, Duration requestTimeout, double minKeptRatio) {
        /** 200 MiB uncompressed, 10 s to connect, 2 min in all, at least half the entries of last time. */
        public static final Limits DEFAULT = new Limits(200L << 20, Duration.ofSeconds(10), Duration.ofMinutes(2), 0.5);
    }

    /** What one fetch did. */
    public record Outcome(Kind kind, long entries, String error) {
        public enum Kind { UPDATED, NOT_MODIFIED, FAILED }
    }

    /**
     * Built at the first fetch, not here: an HttpClient initialises TLS (about 900 classes, half a
     * second on a loaded core), and the gateway creates its fetcher at start-up, before DNS answers,
     * while the first download comes later or never (a box with local lists only).
     */
    private HttpClient client;
    private final Clock clock;
    private final Limits limits;

    public SourceFetcher(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(limits.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    /** Fetches one remote source into the store; a failure is recorded and leaves the last good copy. */
    public Outcome fetch(ListSource source, SourceStore store) {
        SourceState state = store.state(source);
        Instant now = clock.instant();
        Path raw = store.rawFile(source);
        Path temp = null;
        try {
            Files.createDirectories(raw.getParent());
            HttpRequest.Builder request = HttpRequest.newBuilder(source.url())
                    .timeout(limits.requestTimeout())
                    .header("Accept-Encoding", "gzip")
                    .header("User-Agent", "hearth-gateway");
            if (Files.exists(raw)) {
                if (state.etag() != null) {
                    request.header("If-None-Match", state.etag());
                }
                if (state.lastModified() != null) {
                    request.header("If-Modified-Since", state.lastModified());
                }
            }
            HttpResponse<InputStream> response = client().send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 304) {
                    store.saveState(source, state.notModified(now));
                    return new Outcome(Outcome.Kind.NOT_MODIFIED, state.entries(), null);
                }
                if (response.statusCode() != 200) {
                    throw new ListSourceException(source, "HTTP " + response.statusCode());
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > limits.maxBytes()) {
                    throw new ListSourceException(source, "too large: " + declared + " bytes, the cap is "
                            + limits.maxBytes());
                }
                boolean gzip = response.headers().firstValue("Content-Encoding")
                        .map(e -> e.equalsIgnoreCase("gzip")).orElse(false);
                temp = Files.createTempFile(raw.getParent(), source.fileStem(), ".download");
                copyCapped(source, gzip ? new GZIPInputStream(body, 65536) : body, temp);
            }
            ParseReport report = validate(source, temp, state);
            Files.move(temp, raw, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            store.saveState(source, state.succeeded(response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), report.entries(), now));
            return new Outcome(Outcome.Kind.UPDATED, report.entries(), null);
        } catch (ListSourceException e) {
            return failed(source, store, state, e.getMessage(), now);
        } catch (IOException e) {
            return failed(source, store, state, new ListSourceException(source, "download failed: " + e, e)
                    .getMessage(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(source, store, state, "list \"" + source.name() + "\": interrupted", now);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a stray temp file is harmless: the next download uses a new name
                }
            }
        }
    }

    private ParseReport validate(ListSource source, Path temp, SourceState last) throws ListSourceException {
        ParseReport report;
        try {
            report = ListReader.read(temp, rule -> { });
        } catch (IOException e) {
            throw new ListSourceException(source, "unreadable or truncated download: " + e.getMessage(), e);
        }
        if (report.entries() == 0) {
            throw new ListSourceException(source, "download has no entries (" + report.format() + ")");
        }
        if (last.entries() > 0 && report.entries() < last.entries() * limits.minKeptRatio()) {
            throw new ListSourceException(source, "suspicious download: " + report.entries()
                    + " entries, the last good copy had " + last.entries());
        }
        return report;
    }

    private void copyCapped(ListSource source, InputStream in, Path target) throws IOException,
            ListSourceException {
        byte[] buf = new byte[65536];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw new ListSourceException(source, "too large: over the cap of " + limits.maxBytes() + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
    }

    private Outcome failed(ListSource source, SourceStore store, SourceState state, String error, Instant now) {
        try {
            store.saveState(source, state.failed(error, now));
        } catch (IOException e) {
            error = error + " (and its state could not be saved: " + e.getMessage() + ")";
        }
        return new Outcome(Outcome.Kind.FAILED, state.entries(), error);
    }
}
