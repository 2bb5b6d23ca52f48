package io.cms.post.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    private final TargetGuard strict = new TargetGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc00::5",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe"})
    void internalAddressesAreRecognised(String address) throws Exception {
        assertTrue(TargetGuard.isInternal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700::6810:85e5", "::ffff:8.8.8.8", "172.32.0.1",
            "100.128.0.1"})
    void publicAddressesAreNot(String address) throws Exception {
        assertTrue(!TargetGuard.isInternal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://10.0.0.5/", "http://169.254.169.254/latest/meta-data",
            "http://[::1]/", "http://localhost/x", "http://[::ffff:192.168.0.1]/"})
    void internalTargetsAreRefused(String url) {
        Optional<String> refusal = strict.checkTarget(url);
        assertTrue(refusal.isPresent() && refusal.get().contains("resolves to"), url + " -> " + refusal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "mailto:a@example.com", "/relative", "http:///nohost",
            "https://user:pw@example.com/", "not a url"})
    void malformedTargetsAreRefusedWithoutLookingThemUp(String url) {
        assertTrue(strict.checkForm(url).isPresent(), url);
    }

    @Test
    void allowListedHostsMayBePrivate() {
        assertEquals(Optional.empty(), new TargetGuard(List.of("localhost")).checkTarget("http://localhost:9/x"));
        assertTrue(new TargetGuard(List.of("localhost")).checkTarget("http://127.0.0.1:9/x").isPresent());
        assertEquals(Optional.empty(), new TargetGuard(List.of("*")).checkTarget("http://10.0.0.1/"));
    }
}
