package io.cms.post.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * How fast the library makes the five variants (320 to 2400 wide) of a 12-megapixel JPEG photo, and
 * the heap it needs while doing so, one image after another on one thread (as one request would).
 * Run with {@code post-service/bench/media-variants [images] [max heap]}; with a max heap (e.g.
 * {@code 128m}) the run shows the variants are made within it. Not part of the test suite.
 */
class MediaVariantsBench {

    private static final int[] WIDTHS = {320, 640, 1024, 1600, 2400};

    @Test
    void variantsOfATwelveMegapixelPhoto() throws Exception {
        int images = Integer.getInteger("bench.images", 10);
        // Made once and kept: drawing it takes a 48 MB image, which would count against a small heap.
        Path kept = Path.of("target", "bench", "photo-4000x3000.jpg");
        if (!Files.exists(kept)) {
            Files.createDirectories(kept.getParent());
            Files.write(kept, photo(4000, 3000));
        }
        byte[] photo = Files.readAllBytes(kept);
        Images.Size size = Images.size(photo, ImageKind.JPEG);
        for (int i = 0; i < 2; i++) { // warm-up: the JIT and ImageIO's plugin registry
            for (int w : WIDTHS) {
                Images.variant(photo, ImageKind.JPEG, size, w);
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Map<Integer, List<Double>> perWidth = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < images; i++) {
            for (int w : WIDTHS) {
                long t = System.nanoTime();
                Images.Encoded out = Images.variant(photo, ImageKind.JPEG, size, w);
                perWidth.computeIfAbsent(w, k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
                assertTrue(out.bytes().length > 0);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("photo", "4000 x 3000 JPEG, " + photo.length + " bytes");
        result.put("images", images);
        result.put("imagesPerSecond", Math.round(images / seconds * 100) / 100.0);
        result.put("variantsPerSecond", Math.round(images * WIDTHS.length / seconds * 100) / 100.0);
        Map<String, Double> median = new LinkedHashMap<>();
        perWidth.forEach((w, ms) -> median.put(String.valueOf(w), Math.round(ms.stream().sorted().toList().get(ms.size() / 2) * 10) / 10.0));
        result.put("medianMsPerWidth", median);
        result.put("peakHeapAboveBaselineMiB", Math.round((peak.get() - baseline) / 1048576.0 * 10) / 10.0);
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
        result.put("java", System.getProperty("java.version"));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        Path out = Path.of("target", "bench", "media-variants.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println("Media variants: " + json);
    }

    /** A photo-like image: gradients and fine noise, so the encoder works as hard as on a real one. */
    private static byte[] photo(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), w, h, new Color(220, 170, 80)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        Random random = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int n = random.nextInt(41) - 20;
                int r = Math.max(0, Math.min(255, ((rgb >> 16) & 0xFF) + n));
                int gr = Math.max(0, Math.min(255, ((rgb >> 8) & 0xFF) + n));
                int b = Math.max(0, Math.min(255, (rgb & 0xFF) + n));
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }
}
