package io.cms.post.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reading and writing images with ImageIO (and TwelveMonkeys' readers for WebP and difficult JPEGs).
 * Sizes are read from the header alone, so a decompression bomb is refused before any pixel is
 * decoded; a variant is decoded subsampled near its width (a 12-megapixel photo never sits whole in
 * memory for a 640-pixel variant), turned upright, scaled, and written anew: what the original
 * carried besides pixels (EXIF, GPS, camera, comments) is not written.
 */
final class Images {

    /**
     * An image's size as shown (EXIF orientation applied), its orientation, and the type of its
     * variants: PNG for images that may be transparent or are drawings (PNG, still GIF), JPEG for
     * photos, GIF for animations ({@link AnimatedGif}: served at their own size only).
     */
    record Size(int width, int height, int orientation, String extension) {
    }

    /** A variant's bytes and its type ({@code jpg}, {@code png} or {@code gif}). */
    record Encoded(byte[] bytes, String extension) {
    }


    private Images() {
    }

    /** @throws IOException when no reader of the kind can read the header */
    static Size size(byte[] bytes, ImageKind kind) throws IOException {
        ImageReader reader = reader(bytes, kind);
        try {
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            int orientation = kind == ImageKind.JPEG ? ExifOrientation.of(bytes) : 1;
            var types = reader.getImageTypes(0);
            boolean alpha = types.hasNext() && types.next().getColorModel().hasAlpha();
            String ext = kind == ImageKind.GIF && AnimatedGif.read(bytes).frames() > 1 ? "gif"
                    : alpha || kind == ImageKind.PNG || kind == ImageKind.GIF ? "png" : "jpg";
            return ExifOrientation.swapsSides(orientation) ? new Size(h, w, orientation, ext) : new Size(w, h, orientation, ext);
        } finally {
            reader.dispose();
        }
    }

    /** The variant {@code width} pixels wide (as shown) of an image of this size. */
    static Encoded variant(byte[] bytes, ImageKind kind, Size size, int width) throws IOException {
        if (size.extension().equals("gif")) {
            return new Encoded(AnimatedGif.read(bytes).drawn(), "gif");
        }
        ImageReader reader = reader(bytes, kind);
        BufferedImage decoded;
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            // Decoded at one to two times the width (memory stays near the variant's), then scaled down.
            int step = Math.max(1, size.width() / width);
            param.setSourceSubsampling(step, step, 0, 0);
            decoded = reader.read(0, param);
        } finally {
            reader.dispose();
        }
        BufferedImage upright = ExifOrientation.apply(decoded, size.orientation());
        boolean png = size.extension().equals("png");
        int height = Math.max(1, (int) Math.round((double) size.height() * width / size.width()));
        BufferedImage scaled = scale(upright, width, height, png);
        return png ? new Encoded(png(scaled), "png") : new Encoded(jpeg(scaled), "jpg");
    }

    private static BufferedImage scale(BufferedImage src, int width, int height, boolean alpha) {
        BufferedImage current = src;
        // Halve in steps while far larger: one bilinear pass from far above the target aliases.
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
        }
        return current.getWidth() == width && current.getHeight() == height && current != src ? current
                : draw(current, width, height, alpha);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, boolean alpha) {
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    private static ImageReader reader(byte[] bytes, ImageKind kind) throws IOException {
        ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(kind.mime());
        if (in == null || !readers.hasNext()) {
            throw new IOException("no reader for " + kind.mime());
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return reader;
    }
}
