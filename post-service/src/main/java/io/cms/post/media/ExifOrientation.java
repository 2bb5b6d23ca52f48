package io.cms.post.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * A JPEG's EXIF orientation (1 to 8; 1 when there is none or it cannot be read), read from its APP1
 * segment without decoding the image, and applied to a decoded image: served variants are stored
 * upright, since they carry no metadata to say otherwise.
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static int of(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xDA || length < 2) {
                return 1; // image data starts: no EXIF before it
            }
            int start = i + 4;
            if (marker == 0xE1 && length >= 8 && start + 6 <= jpeg.length && jpeg[start] == 'E' && jpeg[start + 1] == 'x'
                    && jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f') {
                return fromTiff(jpeg, start + 6, Math.min(jpeg.length, i + 2 + length));
            }
            i += 2 + length;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end || ifd < tiff) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + e * 12;
            if (at + 12 > end) {
                return 1;
            }
            if (u16(b, at, little) == 0x0112) {
                int value = u16(b, at + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** Whether the orientation turns the image by a quarter (its width and height swap). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation <= 1) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.scale(-1, 1); t.translate(-w, 0); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.scale(1, -1); t.translate(0, -h); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        boolean swap = swapsSides(orientation);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h,
                src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) : ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at, true) | ((long) u16(b, at + 2, true) << 16)) : (((long) u16(b, at, false) << 16) | u16(b, at + 2, false));
    }
}
