package io.cms.post.media;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.common.media.MediaReferences;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The served files of the library: each image at the standard widths below its own (never
 * enlarged) and at its own width up to the largest standard one, as JPEG (photos) or PNG; an
 * animated GIF as a GIF at its own width only.
 * Addressed by content ({@code {sha256}-{width}.{ext}}), so a file never changes once served. Made
 * from the original on first request and kept in the store; decoding is bounded by a budget of
 * pixels per replica, so a crowd of first requests for large photos waits (503 after
 * {@code cms.media.variant-wait}) instead of filling the memory.
 */
@ApplicationScoped
public class MediaVariants {

    /** A file to serve: its bytes and type. */
    public record File(byte[] bytes, String mime) {
    }

    /** {@code {sha256}-{width}.{ext}}, or with the height too, {@code {sha256}-{width}x{height}.{ext}} (a reference). */
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})-([0-9]{1,5})(?:x([0-9]{1,5}))?\\." + MediaReferences.EXTENSIONS);

    private final MediaConfig config;
    private final MediaStore store;
    private final ServedFiles served;
    private final Semaphore budget;
    private final int budgetKilopixels;

    MediaVariants(MediaConfig config, MediaStore store, ServedFiles served) {
        this.config = config;
        this.store = store;
        this.served = served;
        this.budgetKilopixels = (int) Math.max(1, config.decodeBudgetPixels() / 1000);
        this.budget = new Semaphore(budgetKilopixels, true);
    }

    /** The widths served of an image this wide ({@link MediaReferences}). */
    public List<Integer> widths(Media m) {
        return MediaReferences.widths(m.width, m.variantExt);
    }

    public String name(Media m, int width) {
        return m.sha256 + "-" + width + "." + m.variantExt;
    }

    public String url(Media m, int width) {
        return base() + "/media/" + name(m, width);
    }

    /**
     * The address writers put in posts: the largest file served, named with its height too, so that
     * whoever renders the post can give the image its size and its {@code srcset} from the address
     * alone (the widths served are the standard ones below it).
     */
    public String reference(Media m) {
        List<Integer> widths = widths(m);
        int w = widths.get(widths.size() - 1);
        return base() + "/media/" + m.sha256 + "-" + w + "x" + height(m, w) + "." + m.variantExt;
    }

    private static int height(Media m, int width) {
        return Math.max(1, (int) Math.round((double) m.height * width / m.width));
    }

    private String base() {
        return config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
    }

    /** Whether a file of this name is served (made yet or not): its image is in the library at that width. */
    public boolean serves(String name) {
        return served.cached(name).isPresent() || servedImage(name).isPresent();
    }

    /**
     * The file of this name, from memory, else from the store, else made now if it is served but not
     * made yet; empty when no such file is served.
     */
    public Optional<File> file(String name) throws IOException, InterruptedException {
        Optional<File> hit = served.cached(name);
        if (hit.isPresent()) {
            return hit;
        }
        long epoch = served.epoch();
        Optional<File> f = read(name);
        if (f.isPresent()) {
            served.keep(name, f.get(), epoch);
        }
        return f;
    }

    private Optional<File> read(String name) throws IOException, InterruptedException {
        Optional<Served> served = servedImage(name);
        if (served.isEmpty()) {
            return Optional.empty();
        }
        Media m = served.get().image();
        int width = served.get().width();
        String mime = switch (m.variantExt) {
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            default -> "image/jpeg";
        };
        name = name(m, width); // a reference is the file of its width
        Optional<byte[]> kept = store.variant(name);
        if (kept.isPresent()) {
            return Optional.of(new File(kept.get(), mime));
        }
        int cost = cost(m, width);
        if (!budget.tryAcquire(cost, config.variantWait().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ProblemException(Kind.UNAVAILABLE, "Images are being resized; try again shortly").retryAfter(2);
        }
        try {
            kept = store.variant(name); // made meanwhile by another request
            if (kept.isPresent()) {
                return Optional.of(new File(kept.get(), mime));
            }
            Images.Encoded made = Images.variant(store.original(m.sha256), m.kind(), m.size(), width);
            store.putVariant(name, made.bytes());
            return Optional.of(new File(made.bytes(), mime));
        } finally {
            budget.release(cost);
        }
    }

    /** A served file's image and width. */
    private record Served(Media image, int width) {
    }

    /** The image a file name is served from: its hash in the library, its type, one of its widths (and that width's height). */
    private Optional<Served> servedImage(String name) {
        Matcher n = NAME.matcher(name);
        if (!n.matches()) {
            return Optional.empty();
        }
        Media m = QuarkusTransaction.joiningExisting().call(() -> Media.<Media>find("sha256", n.group(1)).firstResult());
        int width = Integer.parseInt(n.group(2));
        if (m == null || !m.variantExt.equals(n.group(4)) || !widths(m).contains(width)
                || (n.group(3) != null && Integer.parseInt(n.group(3)) != height(m, width))) {
            return Optional.empty();
        }
        return Optional.of(new Served(m, width));
    }

    /** Kilopixels decoded for this variant (the decoder subsamples to between one and two times its width). */
    private int cost(Media m, int width) {
        if (m.variantExt.equals("gif")) {
            return 1; // an animation's blocks are copied, not decoded
        }
        int step = Math.max(1, m.width / Math.max(1, width));
        long pixels = ((long) m.width / step + 1) * ((long) m.height / step + 1);
        return (int) Math.min(budgetKilopixels, Math.max(1, pixels / 1000));
    }
}
