package io.cms.post.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The image types the library takes, told by their first bytes: what a client declares (file name,
 * {@code Content-Type}) is not trusted. SVG is refused, as it can carry script.
 */
public enum ImageKind {
    JPEG("image/jpeg"), PNG("image/png"), GIF("image/gif"), WEBP("image/webp");

    private final String mime;

    ImageKind(String mime) {
        this.mime = mime;
    }

    public String mime() {
        return mime;
    }

    public static Optional<ImageKind> sniff(byte[] b) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(b, 0, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return Optional.of(GIF);
        }
        if (starts(b, 0, 'R', 'I', 'F', 'F') && starts(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** Text that opens like XML or SVG (after a byte-order mark and white space). */
    public static boolean looksLikeSvg(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading()
                .toLowerCase(java.util.Locale.ROOT);
        return head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!doctype svg") || head.contains("<svg");
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
