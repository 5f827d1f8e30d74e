package org.hearth.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.hearth.gateway.config.EmailAlertConfig;
import org.hearth.gateway.config.PushAlertConfig;
import org.hearth.gateway.testsupport.HttpReceiver;
import org.hearth.gateway.testsupport.SmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each channel against a real receiver on loopback: aiosmtpd for e-mail, an HTTP server for push. */
class ChannelsTest {

    private static final Alert SERIOUS = new Alert("serious:kid:1", AlertRule.SERIOUS, "kid", "កុមារ tablet",
            Instant.parse("2026-11-25T05:00:00Z"), "Hearth: repeated blocked lookups on កុមារ tablet",
            "កុមារ tablet was blocked 3 times within 10m in the categories adult. Blocked names: a.adult.example.",
            List.of("a.adult.example"), List.of());

    @TempDir
    Path dir;

    @Test
    void emailArrivesAtARealSmtpServer() throws Exception {
        try (SmtpServer smtp = SmtpServer.start(dir)) {
            EmailAlertConfig config = new EmailAlertConfig("127.0.0.1", smtp.port(), false, null, null,
                    "hearth@home.example", List.of("parent@home.example", "teacher@school.example"));
            new EmailChannel(config).send(SERIOUS, "key-123");
            List<String> mails = smtp.mails();
            assertThat(mails).hasSize(1);
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mails.get(0).getBytes(StandardCharsets.UTF_8)));
            assertThat(mail.getSubject()).isEqualTo(SERIOUS.title());
            assertThat(mail.getFrom()[0].toString()).isEqualTo("hearth@home.example");
            assertThat(mail.getAllRecipients()).extracting(Object::toString)
                    .containsExactly("parent@home.example", "teacher@school.example");
            assertThat(mail.getMessageID()).isEqualTo("<key-123@hearth>");
            assertThat(mail.getHeader("X-Hearth-Alert")[0]).isEqualTo("serious");
            assertThat(((String) mail.getContent()).strip()).isEqualTo(SERIOUS.text());
        }
    }

    @Test
    void emailRefusesToGoWithoutStarttlsWhenItIsRequired() throws Exception {
        try (SmtpServer smtp = SmtpServer.start(dir)) { // aiosmtpd here offers no STARTTLS
            EmailAlertConfig config = new EmailAlertConfig("127.0.0.1", smtp.port(), true, null, null,
                    "hearth@home.example", List.of("parent@home.example"));
            assertThatThrownBy(() -> new EmailChannel(config).send(SERIOUS, "key-1"))
                    .isInstanceOf(DeliveryException.class).hasMessageContaining("STARTTLS");
            assertThat(smtp.mails()).isEmpty();
        }
    }

    @Test
    void emailToNoServerFailsWithTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmailAlertConfig config = new EmailAlertConfig("127.0.0.1", port, false, null, null, "hearth@home.example",
                List.of("parent@home.example"));
        assertThatThrownBy(() -> new EmailChannel(config).send(SERIOUS, "k"))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void ntfyPushCarriesTitleTokenAndText() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start()) {
            new PushChannel(new PushAlertConfig(receiver.uri("/hearth").toString(), "tk_secret", null), new HttpPost())
                    .send(SERIOUS, "key-9");
            HttpReceiver.Request r = receiver.accepted().get(0);
            assertThat(r.path()).isEqualTo("/hearth");
            assertThat(r.body()).isEqualTo(SERIOUS.text());
            assertThat(r.headers()).containsEntry("authorization", "Bearer tk_secret")
                    .containsEntry("priority", "high").containsEntry("idempotency-key", "key-9");
            // A Khmer device name goes as an RFC 2047 encoded-word, which decodes back to the title.
            assertThat(jakarta.mail.internet.MimeUtility.decodeText(r.headers().get("title")))
                    .isEqualTo(SERIOUS.title());
        }
    }

    @Test
    void gotifyPushIsJsonWithItsKeyHeader() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start()) {
            new PushChannel(new PushAlertConfig(receiver.uri("/message").toString(), "AbC", "gotify"),
                    new HttpPost()).send(SERIOUS, "key-10");
            HttpReceiver.Request r = receiver.accepted().get(0);
            assertThat(r.headers()).containsEntry("x-gotify-key", "AbC").doesNotContainKey("authorization");
            JsonNode body = AlertJson.MAPPER.readTree(r.body());
            assertThat(body.get("title").asText()).isEqualTo(SERIOUS.title());
            assertThat(body.get("message").asText()).isEqualTo(SERIOUS.text());
            assertThat(body.get("priority").asInt()).isEqualTo(8);
        }
    }

    @Test
    void pushFailureNamesTheStatusButNotTheUrl() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start()) {
            receiver.answer(401);
            assertThatThrownBy(() -> new PushChannel(new PushAlertConfig(receiver.uri("/topic-secret").toString(),
                    null, null), new HttpPost()).send(SERIOUS, "k"))
                    .isInstanceOf(DeliveryException.class).hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("topic-secret");
        }
    }
}
