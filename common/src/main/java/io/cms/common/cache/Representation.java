package io.cms.common.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A response body serialised once: its bytes, its gzip variant (only when the body is large enough
 * for gzip to pay off) and a strong entity tag taken from the bytes, so that the tag changes exactly
 * when what is served changes. The gzip variant has a tag of its own ({@code "…-gz"}): a strong tag
 * names one sequence of bytes (RFC 9110, 8.8.3).
 *
 * @param body the identity-coded bytes
 * @param gzipped the gzip-coded bytes, or null when not worth it
 * @param etag the quoted strong entity tag of {@code body}
 * @param type the media type, with its charset
 */
public record Representation(byte[] body, byte[] gzipped, String etag, String type) {

    /** Below this size a gzip header and a deflate block save too little to be worth a variant. */
    public static final int GZIP_MIN_BYTES = 1024;
    /** What the gzip variant's tag adds to the identity tag. */
    public static final String GZIP_TAG_SUFFIX = "-gz";

    /** The strong tag (quoted) of these bytes, as {@link #of(byte[], String)} gives them. */
    public static String tagOf(byte[] body) {
        return "\"" + digest(body) + "\"";
    }

    /** Tagged by a digest of the bytes. */
    public static Representation of(byte[] body, String type) {
        return of(body, type, digest(body));
    }

    /**
     * Tagged by the caller, for a resource whose tag must mean something else too (a post's tag is
     * its version, which {@code If-Match} sends back); it must still change whenever the bytes do.
     */
    public static Representation of(byte[] body, String type, String tag) {
        return of(body, type, tag, body.length >= GZIP_MIN_BYTES, Deflater.BEST_COMPRESSION);
    }

    /**
     * For one answer only (a list read from the database each time): the gzip variant is made only if
     * this client takes it, and made fast rather than small.
     */
    public static Representation once(byte[] body, String type, boolean clientTakesGzip) {
        return of(body, type, digest(body), clientTakesGzip && body.length >= GZIP_MIN_BYTES, Deflater.BEST_SPEED);
    }

    private static Representation of(byte[] body, String type, String tag, boolean withGzip, int level) {
        byte[] gz = withGzip ? gzip(body, level) : null;
        if (gz != null && gz.length >= body.length) {
            gz = null;
        }
        return new Representation(body, gz, "\"" + tag + "\"", type);
    }

    /** The entity tag of the gzip variant. */
    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + GZIP_TAG_SUFFIX + "\"";
    }

    /** What this holds in memory, for a size-bounded cache (array headers and the tag included). */
    public long bytes() {
        return body.length + (gzipped == null ? 0 : gzipped.length + 16) + 2L * etag.length() + 64;
    }

    /** 128 bits of SHA-256, base64url: collision-free for any number of posts, short in a header. */
    private static String digest(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
