package org.hearth.gateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a real loopback socket bound to a chosen source address, so the server sees the
 * request come from that device (127.0.0.2 is one child's tablet, 127.0.0.3 another's). The JDK's
 * HTTP client cannot choose its source address, hence this.
 */
final class ChildHttp {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    record Response(int status, Map<String, String> headers, String body) {
        /** The form token the "why" page carries. */
        String token() {
            Matcher m = TOKEN.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no form token in the page:\n" + body);
            }
            return m.group(1);
        }
    }

    private final String source;
    private final InetSocketAddress server;

    ChildHttp(String source, InetSocketAddress server) {
        this.source = source;
        this.server = server;
    }

    Response get(String host, String path, String acceptLanguage) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (acceptLanguage != null) {
            headers.put("Accept-Language", acceptLanguage);
        }
        return send("GET", host, path, headers, "");
    }

    /** The form as a browser posts it from the page at {@code host} (Origin naming that page). */
    Response postForm(String host, String path, Map<String, String> fields, String origin) throws IOException {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return send("POST", host, path, headers, body.toString());
    }

    Response send(String method, String host, String path, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(server, 5_000);
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (!method.equals("GET")) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("no complete HTTP response: " + all);
        }
        String[] lines = all.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        for (int chunks = 0; chunks < 100_000; chunks++) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("chunked body ends early");
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.readNBytes(2);
        }
        throw new IOException("too many chunks");
    }
}
