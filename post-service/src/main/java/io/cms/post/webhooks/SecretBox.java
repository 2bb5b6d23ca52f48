package io.cms.post.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.cms.common.auth.KeptKeys;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Webhook signing secrets encrypted at rest (AES-256-GCM), so a database dump or backup does not
 * give away the power to forge deliveries. A stored value reads {@code enc:v1:<key id>:<base64 of
 * nonce, ciphertext and tag>}; the key id lets a previous key open what it sealed while everything
 * is sealed again under the new one ({@link SecretsAtRest}). A value without the prefix is a secret
 * stored before encryption, and is sealed at the next start.
 *
 * <p>The key comes from {@code cms.webhook-secrets.key} (base64 of 32 bytes; a Kubernetes Secret),
 * or else from the file {@code cms.webhook-secrets.key-file}, made on first start in the local data
 * directory. Without either the service does not start.
 */
public final class SecretBox {

    static final String PREFIX = "enc:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;
    private final SecretKeySpec previousKey;
    private final String previousKeyId;

    /** @param previousKey the key before a rotation, or null */
    public SecretBox(byte[] key, byte[] previousKey) {
        this.key = aes(key);
        this.keyId = keyId(key);
        this.previousKey = previousKey == null ? null : aes(previousKey);
        this.previousKeyId = previousKey == null ? null : keyId(previousKey);
    }

    /** The box of this service's configuration; made on first use. */
    public static SecretBox instance() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SecretBox INSTANCE = fromConfig(ConfigProvider.getConfig());
    }

    public String seal(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String id = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        SecretKeySpec k = id.equals(keyId) ? key : id.equals(previousKeyId) ? previousKey : null;
        if (k == null) {
            throw new IllegalStateException("a webhook secret is sealed with key " + id
                    + ", which is neither cms.webhook-secrets.key nor cms.webhook-secrets.previous-key");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored webhook secret cannot be decrypted (altered, or another key)", e);
        }
    }

    /** Whether a stored value is sealed under the current key (nothing to do at start). */
    public boolean isCurrent(String stored) {
        return stored == null || stored.startsWith(currentPrefix());
    }

    /** How every value sealed under the current key begins. */
    public String currentPrefix() {
        return PREFIX + keyId + ":";
    }

    static SecretBox fromConfig(Config config) {
        String what = "webhook signing secrets are encrypted at rest";
        byte[] key = KeptKeys.fromConfig(config, "cms.webhook-secrets", what);
        byte[] previous = config.getOptionalValue("cms.webhook-secrets.previous-key", String.class)
                .map(k -> KeptKeys.decode(k, what)).orElse(null);
        return new SecretBox(key, previous);
    }

    /** Base64 of 32 random bytes, as {@code openssl rand -base64 32} prints. */
    public static String newKey() {
        return KeptKeys.newKey();
    }

    private static SecretKeySpec aes(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs 32 bytes, not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    private static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
