package io.cms.post.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A GIF read block by block, as the format defines them, without decoding a pixel: how many frames
 * it has and how many pixels they hold together, and the same animation written again with only
 * what draws it (screen, colour tables, frames, their timing, the loop count). Comments, XMP and
 * every other application block are left out, as EXIF is from other images; the frames' compressed
 * data is copied as it is, so an animation keeps every frame, its timing and its quality. Resizing
 * an animation means compositing and re-encoding every frame, so animations are served at their own
 * size only.
 */
final class AnimatedGif {

    /** The frames, their pixels together, and the GIF written again with nothing but what draws it. */
    record Read(int frames, long framePixels, byte[] drawn) {
    }

    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int GRAPHIC_CONTROL = 0xF9;
    private static final int APPLICATION = 0xFF;

    private final byte[] in;
    private int at;
    private final ByteArrayOutputStream out;

    private AnimatedGif(byte[] in) {
        this.in = in;
        this.out = new ByteArrayOutputStream(in.length);
    }

    /** @throws IOException when the blocks do not follow the format (a frame cut short, a frame outside the screen) */
    static Read read(byte[] gif) throws IOException {
        return new AnimatedGif(gif).read();
    }

    private Read read() throws IOException {
        copy(6); // GIF87a or GIF89a
        int screenWidth = u16(at);
        int screenHeight = u16(at + 2);
        int packed = u8(at + 4);
        copy(7);
        if ((packed & 0x80) != 0) {
            copy(3 << ((packed & 7) + 1));
        }
        int frames = 0;
        long pixels = 0;
        while (at < in.length) {
            int block = u8(at);
            if (block == TRAILER) {
                break;
            } else if (block == IMAGE) {
                int left = u16(at + 1);
                int top = u16(at + 3);
                int w = u16(at + 5);
                int h = u16(at + 7);
                int local = u8(at + 9);
                if (left + w > screenWidth || top + h > screenHeight) {
                    throw new IOException("frame " + (frames + 1) + " lies outside the image's " + screenWidth + " × " + screenHeight);
                }
                copy(10);
                if ((local & 0x80) != 0) {
                    copy(3 << ((local & 7) + 1));
                }
                copy(1); // LZW minimum code size
                copySubBlocks();
                frames++;
                pixels += (long) w * h;
            } else if (block == EXTENSION) {
                int label = u8(at + 1);
                if (label == GRAPHIC_CONTROL || label == APPLICATION && isLoop(at + 2)) {
                    copy(2);
                    copySubBlocks();
                } else {
                    at += 2;
                    skipSubBlocks();
                }
            } else {
                throw new IOException("unknown block 0x" + Integer.toHexString(block) + " at byte " + at);
            }
        }
        if (frames == 0) {
            throw new IOException("no frame");
        }
        out.write(TRAILER);
        return new Read(frames, pixels, out.toByteArray());
    }

    /** The NETSCAPE2.0 (or ANIMEXTS1.0) block: how often the animation loops. */
    private boolean isLoop(int subBlock) throws IOException {
        if (u8(subBlock) != 11) {
            return false;
        }
        require(subBlock + 12);
        String id = new String(in, subBlock + 1, 11, StandardCharsets.US_ASCII);
        return id.equals("NETSCAPE2.0") || id.equals("ANIMEXTS1.0");
    }

    private void copySubBlocks() throws IOException {
        int n;
        do {
            n = u8(at);
            copy(1 + n);
        } while (n != 0);
    }

    private void skipSubBlocks() throws IOException {
        int n;
        do {
            n = u8(at);
            require(at + 1 + n);
            at += 1 + n;
        } while (n != 0);
    }

    private void copy(int n) throws IOException {
        require(at + n);
        out.write(in, at, n);
        at += n;
    }

    private int u8(int i) throws IOException {
        require(i + 1);
        return in[i] & 0xFF;
    }

    private int u16(int i) throws IOException {
        require(i + 2);
        return (in[i] & 0xFF) | (in[i + 1] & 0xFF) << 8;
    }

    private void require(int end) throws IOException {
        if (end > in.length) {
            throw new IOException("the GIF ends inside a block (byte " + in.length + ")");
        }
    }
}
