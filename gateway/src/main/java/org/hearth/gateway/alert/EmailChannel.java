package org.hearth.gateway.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.hearth.gateway.config.EmailAlertConfig;

/**
 * Sends alerts through an SMTP server with Angus Mail: STARTTLS required unless turned off, AUTH when
 * a username is set, timeouts so a dead server cannot hold the alert thread. The Message-ID is made
 * from the delivery's idempotency key, so a retried mail is recognisably the same mail.
 */
final class EmailChannel implements Channel {

    static final int TIMEOUT_MS = 10_000;

    private final EmailAlertConfig config;
    private final Session session;

    EmailChannel(EmailAlertConfig config) {
        this.config = config;
        Properties props = new Properties();
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", Integer.toString(config.port()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
        // "enable" alone falls back to plain text when the server offers no STARTTLS; a password must not.
        props.put("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
        props.put("mail.smtp.auth", Boolean.toString(config.username() != null && !config.username().isBlank()));
        props.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MS));
        props.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MS));
        props.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MS));
        if (config.from() != null) { // checked when host is set; Properties refuses a null
            props.put("mail.smtp.from", config.from());
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(Alert alert, String idempotencyKey) throws DeliveryException {
        try {
            MimeMessage message = new KeyedMessage(session, idempotencyKey);
            message.setFrom(new InternetAddress(config.from()));
            for (String to : config.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            message.setSubject(alert.title(), "UTF-8");
            message.setText(alert.text(), "UTF-8");
            message.setHeader("X-Hearth-Alert", alert.rule().id());
            message.setSentDate(java.util.Date.from(alert.time()));
            message.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                if (config.username() != null && !config.username().isBlank()) {
                    transport.connect(config.host(), config.port(), config.username(), config.password());
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new DeliveryException("email via " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause == e ? e.getMessage() : e.getMessage() + " (" + cause + ")";
        return text == null ? e.getClass().getSimpleName() : text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** A message whose Message-ID is fixed by the delivery, not made up anew on each try. */
    private static final class KeyedMessage extends MimeMessage {
        private final String key;

        KeyedMessage(Session session, String key) {
            super(session);
            this.key = key;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + key + "@hearth>");
        }
    }
}
