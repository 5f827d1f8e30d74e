package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void parsesTheWrittenForms() {
        assertThat(ListenAddress.parse("127.0.0.1:5353")).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(ListenAddress.parse("[::1]:5353")).isEqualTo(new InetSocketAddress("::1", 5353));
        assertThat(ListenAddress.parse("127.0.0.1")).isEqualTo(new InetSocketAddress("127.0.0.1", 53));
        assertThat(ListenAddress.parse("[::1]")).isEqualTo(new InetSocketAddress("::1", 53));
        assertThat(ListenAddress.parse("::1")).isEqualTo(new InetSocketAddress("::1", 53));
        assertThat(ListenAddress.parse("localhost:0").getPort()).isZero();
        assertThat(ListenAddress.parse("0.0.0.0:53").getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void formatsIpv6InBrackets() {
        assertThat(ListenAddress.format(new InetSocketAddress("::1", 5353))).isEqualTo("[0:0:0:0:0:0:0:1]:5353");
        assertThat(ListenAddress.format(new InetSocketAddress("127.0.0.1", 53))).isEqualTo("127.0.0.1:53");
    }

    @Test
    void badEntriesNameTheEntryAndTheProblem() {
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:dns")).hasMessageContaining("\"127.0.0.1:dns\"")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ListenAddress.parse("[::1:53")).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> ListenAddress.parse(":53")).hasMessageContaining("no host");
        assertThatThrownBy(() -> ListenAddress.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ListenAddress.parse("no-such-host.invalid:53")).hasMessageContaining("unknown host");
    }
}
