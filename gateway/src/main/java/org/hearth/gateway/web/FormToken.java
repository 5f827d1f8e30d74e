package org.hearth.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in the "ask to unblock" form: an HMAC of the asking device's id and the hour, under a
 * key made at start. Another site cannot read it (no CORS on these pages), so it cannot forge the
 * form for a child's browser; a token is good for the hour it was made and the next, and for its
 * device only. A restart makes a new key: a form left open across it is refused once, kindly.
 */
final class FormToken {

    private static final long HOUR_MILLIS = 3_600_000L;

    private final byte[] key = new byte[32];
    private final Clock clock;

    FormToken(SecureRandom random, Clock clock) {
        random.nextBytes(key);
        this.clock = clock;
    }

    String issue(String deviceId) {
        return token(deviceId, clock.millis() / HOUR_MILLIS);
    }

    boolean valid(String deviceId, String given) {
        if (given == null) {
            return false;
        }
        long hour = clock.millis() / HOUR_MILLIS;
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        // Both compared, whatever the first gives: the time taken says nothing about the token.
        boolean now = MessageDigest.isEqual(token(deviceId, hour).getBytes(StandardCharsets.UTF_8), bytes);
        boolean before = MessageDigest.isEqual(token(deviceId, hour - 1).getBytes(StandardCharsets.UTF_8), bytes);
        return now | before;
    }

    private String token(String deviceId, long hour) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = mac.doFinal((deviceId + "|" + hour).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
