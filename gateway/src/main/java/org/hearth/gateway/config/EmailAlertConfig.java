package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code alerts.email}: where e-mail alerts go through the family's or school's SMTP server. Off while
 * {@code host} is empty.
 *
 * @param host the SMTP server
 * @param port 587 by default (submission with STARTTLS); 25 is plain relay
 * @param starttls require STARTTLS before anything else is sent (default true); off only for a relay
 *     on the box's own network
 * @param username the SMTP login; none means no AUTH
 * @param password a secret: never shown back (see {@link AlertsConfig#redacted()})
 * @param from the sender address
 * @param to the recipients
 */
public record EmailAlertConfig(
        @JsonProperty("host") String host,
        @JsonProperty("port") Integer port,
        @JsonProperty("starttls") Boolean starttls,
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("from") String from,
        @JsonProperty("to") List<String> to) {

    public EmailAlertConfig {
        host = host == null ? "" : host.strip();
        starttls = starttls == null || starttls;
        port = port == null ? 587 : port;
        to = to == null ? List.of() : List.copyOf(to);
    }

    public static final EmailAlertConfig OFF = new EmailAlertConfig(null, null, null, null, null, null, null);

    public boolean on() {
        return !host.isEmpty();
    }
}
