package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theHashedPasswordMatchesAndAnyOtherDoesNot() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), 1_000, RANDOM);

        assertThat(hash.matches("correct horse".toCharArray())).isTrue();
        assertThat(hash.matches("correct horsE".toCharArray())).isFalse();
        assertThat(hash.matches("correct horse ".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
    }

    @Test
    void storedFormReadsBackToTheSameHash() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), 1_234, RANDOM);

        PasswordHash read = PasswordHash.parse(hash.encode());

        assertThat(read).isEqualTo(hash);
        assertThat(hash.encode()).startsWith("pbkdf2-sha256$1234$");
        assertThat(read.matches("correct horse".toCharArray())).isTrue();
    }

    @Test
    void samePasswordTwiceGetsDifferentSaltsAndHashes() {
        PasswordHash one = PasswordHash.of("same password".toCharArray(), 1_000, RANDOM);
        PasswordHash two = PasswordHash.of("same password".toCharArray(), 1_000, RANDOM);

        assertThat(one.encode()).isNotEqualTo(two.encode());
    }

    @Test
    void toStringNeverShowsTheHash() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), 1_000, RANDOM);

        String encoded = hash.encode();
        assertThat(hash.toString()).doesNotContain(encoded.substring(encoded.lastIndexOf('$') + 1));
    }

    @Test
    void damagedStoredFormIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> PasswordHash.parse("md5$secretstuff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secretstuff");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$many$AAAAAAAAAAA$" + "A".repeat(43)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iteration count");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$AAAAAAAAAAA$AAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong length");
    }
}
