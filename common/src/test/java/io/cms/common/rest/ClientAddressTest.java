package io.cms.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));
    private final ClientAddress direct = new ClientAddress(List.of());

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", direct.of("203.0.113.9", "198.51.100.1"));
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", behindIngress.of("203.0.113.9", "198.51.100.1"));
    }

    @Test
    void behindATrustedProxyTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertEquals("198.51.100.1", behindIngress.of("10.1.2.3", "198.51.100.1"));
        // A client that writes its own X-Forwarded-For stands to the left of what the proxy appended.
        assertEquals("198.51.100.1", behindIngress.of("10.1.2.3", "1.2.3.4, 198.51.100.1"));
        assertEquals("198.51.100.1", behindIngress.of("10.1.2.3", "1.2.3.4, 198.51.100.1, 10.9.9.9"));
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.literal("2001:db8::1").orElseThrow().getHostAddress());
        assertEquals("10.1.2.3", behindIngress.of("10.1.2.3", "10.2.2.2"));
    }

    @Test
    void namesInTheHeaderAreNeverLookedUp() {
        assertEquals(true, ClientAddress.literal("localhost").isEmpty());
        assertEquals("evil.example", behindIngress.of("fd00::1", "evil.example"));
    }
}
