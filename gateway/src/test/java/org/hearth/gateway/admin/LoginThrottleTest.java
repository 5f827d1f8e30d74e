package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualTicker ticker = new ManualTicker();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), ticker);

    @Test
    void fifthFailureLocksTheClientOutForTheWindow() throws Exception {
        InetAddress client = InetAddress.getByName("192.168.1.20");
        for (int i = 0; i < 4; i++) {
            throttle.failed(client);
            assertThat(throttle.waitFor(client)).isEmpty();
        }
        throttle.failed(client);

        assertThat(throttle.waitFor(client)).contains(Duration.ofMinutes(15));
        ticker.advance(Duration.ofMinutes(10));
        assertThat(throttle.waitFor(client)).contains(Duration.ofMinutes(5));
        ticker.advance(Duration.ofMinutes(5));
        assertThat(throttle.waitFor(client)).isEmpty();
    }

    @Test
    void otherClientsAreNotLockedOut() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.168.1.20");
        for (int i = 0; i < 5; i++) {
            throttle.failed(guesser);
        }

        assertThat(throttle.waitFor(InetAddress.getByName("192.168.1.21"))).isEmpty();
    }

    @Test
    void rightPasswordClearsEarlierTypos() throws Exception {
        InetAddress client = InetAddress.getByName("10.0.0.5");
        for (int i = 0; i < 4; i++) {
            throttle.failed(client);
        }
        throttle.succeeded(client);
        throttle.failed(client);

        assertThat(throttle.waitFor(client)).isEmpty();
    }

    @Test
    void ipv6AddressesOfOneSlash64CountTogether() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.failed(InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i)));
        }

        assertThat(throttle.waitFor(InetAddress.getByName("2001:db8:1:2:ffff::1"))).isPresent();
        assertThat(throttle.waitFor(InetAddress.getByName("2001:db8:1:3::1"))).isEmpty();
    }
}
