package io.cms.post.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static byte[] key() {
        return Base64.getDecoder().decode(SecretBox.newKey());
    }

    @Test
    void aSealedSecretOpensToItselfAndNeverShowsIt() {
        SecretBox box = new SecretBox(key(), null);
        String secret = Secrets.generate();
        String sealed = box.seal(secret);
        assertTrue(sealed.startsWith(SecretBox.PREFIX));
        assertFalse(sealed.contains(secret.substring(Secrets.PREFIX.length(), Secrets.PREFIX.length() + 8)));
        assertEquals(secret, box.open(sealed));
        assertNotEquals(sealed, box.seal(secret), "a fresh nonce every time");
        assertTrue(box.isCurrent(sealed));
        assertNull(box.seal(null));
        assertNull(box.open(null));
    }

    @Test
    void aSecretStoredBeforeEncryptionReadsAsItIsAndIsNotCurrent() {
        SecretBox box = new SecretBox(key(), null);
        assertEquals("whsec_plain", box.open("whsec_plain"));
        assertFalse(box.isCurrent("whsec_plain"));
    }

    @Test
    void anAlteredValueOrAnotherKeyIsRefused() {
        SecretBox box = new SecretBox(key(), null);
        String sealed = box.seal(Secrets.generate());
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThrows(IllegalStateException.class, () -> box.open(altered));
        assertThrows(IllegalStateException.class, () -> new SecretBox(key(), null).open(sealed));
    }

    @Test
    void afterAKeyRotationThePreviousKeyStillOpensAndTheValueIsNoLongerCurrent() {
        byte[] old = key();
        String sealed = new SecretBox(old, null).seal("whsec_x");
        SecretBox rotated = new SecretBox(key(), old);
        assertEquals("whsec_x", rotated.open(sealed));
        assertFalse(rotated.isCurrent(sealed));
        assertTrue(rotated.isCurrent(rotated.seal("whsec_x")));
    }

    @Test
    void withoutAConfiguredKeyOneIsMadeOnceInTheKeyFileReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/webhook-secret.key");
        Config config = config(Map.of("cms.webhook-secrets.key-file", file.toString()));
        String sealed = SecretBox.fromConfig(config).seal("whsec_y");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("whsec_y", SecretBox.fromConfig(config).open(sealed), "the kept key is used again");
    }

    @Test
    void aKeyOfTheWrongSizeOrNoKeyAtAllStopsTheService() {
        assertThrows(IllegalStateException.class, () -> SecretBox.fromConfig(
                config(Map.of("cms.webhook-secrets.key", Base64.getEncoder().encodeToString(new byte[16])))));
        assertThrows(IllegalStateException.class, () -> SecretBox.fromConfig(config(Map.of())));
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new MapBackedConfigSource("test", values) { }).build();
    }
}
