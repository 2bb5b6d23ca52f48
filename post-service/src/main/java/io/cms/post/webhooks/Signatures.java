package io.cms.post.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The {@code webhook-signature} header of the Standard Webhooks specification (scheme {@code v1}). */
public final class Signatures {

    private Signatures() {
    }

    /** {@code v1,<sig>} for each secret, space-separated, newest secret first. */
    public static String header(String webhookId, long timestampSeconds, String body, List<String> secrets) {
        String signed = webhookId + "." + timestampSeconds + "." + body;
        return secrets.stream().map(s -> "v1," + hmac(Secrets.key(s), signed)).collect(Collectors.joining(" "));
    }

    private static String hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
