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
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "::127.0.0.1", "::a9fe:a9fe",
            "2002:7f00:1::", "2002:a9fe:a9fe::1", "::ffff:169.254.169.254"})
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

    @ParameterizedTest
    @ValueSource(strings = {"http://127.1/", "http://0x7f000001/", "http://2130706433/", "http://0177.0.0.1/",
            "http://0x7f.0.0.1/", "http://127.0.1/", "http://169.254.43518/", "http://0251.0376.0251.0376/",
            "http://00127.0.0.1/", "http://0/"})
    void numericHostFormsOtherThanADottedQuadAreRefusedAsTheyAreWritten(String url) {
        Optional<String> refusal = strict.checkForm(url);
        assertTrue(refusal.isPresent() && refusal.get().contains("dotted-quad"), url + " -> " + refusal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/", "http://8.8.8.8/", "https://abc.de/", "https://cafe.be/x",
            "https://0x.example/", "https://1.2.3.4.example/"})
    void namesAndDottedQuadsPassTheFormCheck(String url) {
        assertEquals(Optional.empty(), strict.checkForm(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0.0.0.0/", "http://[::]/", "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/",
            "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/"})
    void everyInternalFormIsRefusedBeforeAnyAttempt(String url) {
        assertTrue(strict.vet(url).refusal() != null, url);
    }

    @Test
    void vettingResolvesOnceAndNamesTheAddressToConnectTo() {
        TargetGuard.Vetted v = new TargetGuard(List.of("localhost")).vet("https://localhost/x");
        assertEquals(null, v.refusal());
        assertTrue(v.address().isLoopbackAddress());
        assertEquals(443, v.port());
        assertEquals("localhost", v.host());
    }

    @Test
    void allowListedHostsMayBePrivate() {
        assertEquals(Optional.empty(), new TargetGuard(List.of("localhost")).checkTarget("http://localhost:9/x"));
        assertTrue(new TargetGuard(List.of("localhost")).checkTarget("http://127.0.0.1:9/x").isPresent());
        assertEquals(Optional.empty(), new TargetGuard(List.of("*")).checkTarget("http://10.0.0.1/"));
    }
}
