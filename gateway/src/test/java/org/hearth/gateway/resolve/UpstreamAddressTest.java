package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAddressTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.3.4, 1.2.3.4, 53",
        "1.2.3.4:5300, 1.2.3.4, 5300",
        "[::1]:53, 0:0:0:0:0:0:0:1, 53",
        "::1, 0:0:0:0:0:0:0:1, 53",
        "[2001:db8::53], 2001:db8:0:0:0:0:0:53, 53",
        "[2001:db8::53]:8053, 2001:db8:0:0:0:0:0:53, 8053",
        "' 192.0.2.9 ', 192.0.2.9, 53"
    })
    void parsesAddressesWithAndWithoutPort(String text, String host, int port) {
        InetSocketAddress address = UpstreamAddress.parse(text);
        assertThat(address.getAddress().getHostAddress()).isEqualTo(host);
        assertThat(address.getPort()).isEqualTo(port);
        assertThat(address.isUnresolved()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns.google", "1.2.3.4:", "1.2.3.4:0", "1.2.3.4:70000", "1.2.3.4:x", "[::1",
        "[::1]x", "[1.2.3.4]:53", "1.2.3", "::g", "999.1.1.1"})
    void rejectsWhatIsNotAnAddressWithAMessageNamingIt(String text) {
        assertThatThrownBy(() -> UpstreamAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upstream \"" + text + "\"");
    }

    @Test
    void acceptsALinkLocalAddressWithItsZone() {
        // a numeric zone: named ones need an interface with a link-local address, which CI may lack
        InetSocketAddress address = UpstreamAddress.parse("[fe80::1%1]:5353");
        assertThat(address.getAddress().getHostAddress()).isEqualTo("fe80:0:0:0:0:0:0:1%1");
        assertThat(address.getPort()).isEqualTo(5353);
        assertThatThrownBy(() -> UpstreamAddress.parse("fe80::1%nosuchif0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interface");
    }

    @Test
    void rejectsEmpty() {
        assertThatThrownBy(() -> UpstreamAddress.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> UpstreamAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
