package io.cms.post.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

import org.junit.jupiter.api.Test;

class AnimatedGifTest {

    @Test
    void countsFramesAndTheirPixelsAndKeepsOnlyWhatDraws() throws IOException {
        byte[] gif = TestImages.animatedGif(30, 20, 4, 7);
        AnimatedGif.Read read = AnimatedGif.read(gif);
        assertEquals(4, read.frames());
        assertEquals(4 * 30 * 20, read.framePixels());
        assertTrue(read.drawn().length < gif.length);
        assertFalse(TestImages.contains(read.drawn(), "PhoneCo"));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(read.drawn())));
        assertEquals(4, reader.getNumImages(true));
        for (int i = 0; i < 4; i++) {
            assertEquals(ImageIO.read(new ByteArrayInputStream(gif)).getWidth(), reader.read(i).getWidth());
        }
        assertEquals(1, AnimatedGif.read(TestImages.image("gif", 8, 8)).frames());
    }

    @Test
    void refusesWhatDoesNotFollowTheFormat() throws IOException {
        byte[] gif = TestImages.animatedGif(30, 20, 2, 7);
        assertThrows(IOException.class, () -> AnimatedGif.read(Arrays.copyOf(gif, gif.length - 10)), "cut short");
        byte[] outside = TestImages.gifFrameBomb(10, 10, 2);
        outside[13 + 6 + 1] = 5; // the first frame's left edge at 5: 5 + 10 > 10
        assertThrows(IOException.class, () -> AnimatedGif.read(outside));
        byte[] unknown = TestImages.gifFrameBomb(10, 10, 1);
        unknown[13 + 6] = 0x42;
        assertThrows(IOException.class, () -> AnimatedGif.read(unknown));
        assertThrows(IOException.class, () -> AnimatedGif.read(Arrays.copyOf(gif, 13)), "no frame");
    }
}
