package org.hearth.blocklists;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainNamesTest {

    @Test
    void normalFormIsLowerCaseWithoutTrailingDotInPunycode() {
        assertThat(DomainNames.normalize(" WWW.Example.COM. ")).isEqualTo("www.example.com");
        assertThat(DomainNames.normalize("bücher.de")).isEqualTo("xn--bcher-kva.de");
        assertThat(DomainNames.normalize("яндекс.рф")).isEqualTo("xn--d1acpjx3f.xn--p1ai");
        assertThat(DomainNames.normalize("_dmarc.example.com")).isEqualTo("_dmarc.example.com");
    }

    @Test
    void invalidNamesAreRejected() {
        assertThat(DomainNames.normalize("a..b")).isNull();
        assertThat(DomainNames.normalize("-a.com")).isNull();
        assertThat(DomainNames.normalize("a-.com")).isNull();
        assertThat(DomainNames.normalize("1.2.3.4")).isNull();
        assertThat(DomainNames.normalize("a b.com")).isNull();
        assertThat(DomainNames.normalize("x".repeat(64) + ".com")).isNull();
        assertThat(DomainNames.normalize(("a".repeat(60) + ".").repeat(5) + "com")).isNull();
        assertThat(DomainNames.normalize(".")).isNull();
        assertThat(DomainNames.normalize("")).isNull();
    }

    @Test
    void ipLiteralsAreRecognised() {
        assertThat(DomainNames.isIpLiteral("1.2.3.4")).isTrue();
        assertThat(DomainNames.isIpLiteral("::1")).isTrue();
        assertThat(DomainNames.isIpLiteral("fe80::1%lo0")).isTrue();
        assertThat(DomainNames.isIpLiteral("example.com")).isFalse();
        assertThat(DomainNames.isIpLiteral("1.2.3")).isFalse();
    }
}
