package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:5353, 127.0.0.1, 5353", "127.0.0.1, 127.0.0.1, 53", "[::1]:5353, ::1, 5353",
        "[::1], ::1, 53", "::1, ::1, 53", "0.0.0.0:0, 0.0.0.0, 0", "'[::]:53', ::, 53"})
    void listenAddresses(String text, String host, int port) throws Exception {
        assertThat(HostPort.parseListen(text, 53)).isEqualTo(new InetSocketAddress(InetAddress.getByName(host), port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:99999|\"127.0.0.1:99999\" is not host:port (port 0-65535)",
        "127.0.0.1:|\"127.0.0.1:\" is not host:port (port 0-65535)",
        "256.0.0.1:53|\"256.0.0.1:53\" is not host:port (\"256.0.0.1\" is not an IP address; names are not resolved here)",
        "[127.0.0.1]:53|\"[127.0.0.1]:53\" is not host:port (brackets are only for IPv6 addresses)",
        "[::1:53|\"[::1:53\" is not host:port (missing ] after the IPv6 address)",
        "[::1]53|\"[::1]53\" is not host:port (unexpected \"53\" after ])",
        ":53|\":53\" is not host:port (the address is missing)"})
    void badListenAddressesSayWhy(String text, String message) {
        assertThatThrownBy(() -> HostPort.parseListen(text, 53)).hasMessage(message);
    }

    @Test
    void upstreamsNeedANonZeroPortAndFormatBackWithBrackets() {
        assertThat(HostPort.parseUpstream("192.0.2.9").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> HostPort.parseUpstream("192.0.2.9:0")).hasMessageContaining("port 1-65535");
        assertThat(HostPort.format(HostPort.parseUpstream("[2001:DB8::1]:5300"))).isEqualTo("[2001:db8::1]:5300");
        assertThat(HostPort.format(HostPort.parseUpstream("10.0.0.1"))).isEqualTo("10.0.0.1:53");
    }

    @ParameterizedTest
    @CsvSource({
        "::1, ::1", "::, ::", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "fe80:0:0:0:0:0:0:0, fe80::", "0:0:0:0:0:0:0:1, ::1"})
    void ipv6IsWrittenInItsShortForm(String in, String out) throws Exception {
        assertThat(HostPort.ipv6(InetAddress.getByName(in).getAddress())).isEqualTo(out);
    }
}
