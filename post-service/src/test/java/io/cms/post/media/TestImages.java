package io.cms.post.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Images made for the tests: photos with EXIF, drawings, and files that only pretend to be images. */
final class TestImages {

    /** A 1 × 1 lossy WebP (the smallest common one). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=");

    private TestImages() {
    }

    /** {@code w} × {@code h}, red in the top-left quarter and blue elsewhere, as {@code format}. */
    static byte[] image(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /**
     * A JPEG with an EXIF segment saying orientation {@code orientation} and carrying a GPS position
     * and a camera make: what a phone writes.
     */
    static byte[] photoWithExif(int w, int h, int orientation) throws IOException {
        byte[] jpeg = image("jpeg", w, h);
        ByteBuffer tiff = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: Orientation, Make (at 50), GPS IFD pointer (to 60); no next IFD.
        tiff.putShort((short) 3);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(8).putInt(50);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(60);
        tiff.putInt(0);
        tiff.position(50);
        tiff.put("PhoneCo\0".getBytes(StandardCharsets.US_ASCII));
        tiff.position(60);
        // GPS IFD: latitude reference N, latitude 35/1 41/1 0/1 (at 90).
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(90);
        tiff.putInt(0);
        tiff.position(90);
        tiff.putInt(35).putInt(1).putInt(41).putInt(1).putInt(0).putInt(1);
        byte[] exif = new byte[6 + 114];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, 114);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        int length = exif.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG whose header says {@code w} × {@code h} with almost no data behind it: a decompression bomb. */
    static byte[] pngBomb(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * An animation of {@code frames} frames ({@code delayCs} hundredths of a second each, looping
     * forever), a different colour each, carrying a comment and an XMP block that name a camera: what
     * an editing tool leaves in a GIF.
     */
    static byte[] animatedGif(int w, int h, int frames, int delayCs) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE};
            for (int i = 0; i < frames; i++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(colours[i % colours.length]);
                g.fillRect(0, 0, w, h);
                g.dispose();
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(img);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = node(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(delayCs));
                gce.setAttribute("transparentColorIndex", "0");
                if (i == 0) {
                    IIOMetadataNode apps = node(root, "ApplicationExtensions");
                    IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                    loop.setAttribute("applicationID", "NETSCAPE");
                    loop.setAttribute("authenticationCode", "2.0");
                    loop.setUserObject(new byte[] {1, 0, 0});
                    apps.appendChild(loop);
                    IIOMetadataNode comments = node(root, "CommentExtensions");
                    IIOMetadataNode comment = new IIOMetadataNode("CommentExtension");
                    comment.setAttribute("value", "Shot on a PhoneCo at 35N 139E");
                    comments.appendChild(comment);
                }
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(img, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        // ImageIO's writer keeps one application block (the loop); XMP goes in by hand, after the colour table.
        byte[] written = out.toByteArray();
        int packed = written[10] & 0xFF;
        int at = 13 + ((packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0);
        byte[] xmp = "<x:xmpmeta><tiff:Make>PhoneCo</tiff:Make></x:xmpmeta>".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(written, 0, at);
        spliced.write(new byte[] {0x21, (byte) 0xFF, 11});
        spliced.write("XMP DataXMP".getBytes(StandardCharsets.US_ASCII));
        spliced.write(xmp.length);
        spliced.write(xmp);
        spliced.write(0);
        spliced.write(written, at, written.length - at);
        return spliced.toByteArray();
    }

    private static IIOMetadataNode node(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode made = new IIOMetadataNode(name);
        root.appendChild(made);
        return made;
    }

    /**
     * A GIF of {@code frames} frames of {@code w} × {@code h} whose compressed data is a few bytes
     * each: far more pixels than bytes, a bomb for whoever decodes every frame.
     */
    static byte[] gifFrameBomb(int w, int h, int frames) {
        ByteBuffer b = ByteBuffer.allocate(13 + 6 + frames * 14 + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) w).putShort((short) h).put((byte) 0x80).put((byte) 0)
                .put((byte) 0);
        b.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // two colours
        for (int i = 0; i < frames; i++) {
            b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) w).putShort((short) h).put((byte) 0);
            b.put((byte) 2).put((byte) 1).put((byte) 0x44).put((byte) 0); // code size, one sub-block of one byte, end
        }
        b.put((byte) 0x3B);
        return b.array();
    }

    /** Whether {@code bytes} contain {@code text} (ASCII). */
    static boolean contains(byte[] bytes, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= bytes.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (bytes[i + j] != t[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
