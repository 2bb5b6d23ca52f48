package io.cms.common.media;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media library's addresses, shared by post-service (which serves the files) and render-service
 * (which gives images their {@code srcset}): files {@code /media/{sha256}-{width}.{jpg|png|gif}} at the
 * standard widths below an image's own, and at its own width up to the largest (animations,
 * {@code .gif}, at their own width only); the address writers
 * put in posts, {@code /media/{sha256}-{width}x{height}.{ext}}, is the largest of them named with its
 * height, so a renderer knows the image's size and every file from the address alone.
 */
public final class MediaReferences {

    /** The widths served (never wider than the image). Fixed, so the two services cannot disagree. */
    public static final List<Integer> WIDTHS = List.of(320, 640, 1024, 1600, 2400);

    /** The extensions of served files (a regular-expression group). */
    public static final String EXTENSIONS = "(jpg|png|gif)";

    /** A reference's file name (regular expression): hash, width, height, extension, each a group. */
    public static final String FILE = "([0-9a-f]{64})-([0-9]{1,5})x([0-9]{1,5})\\." + EXTENSIONS;

    /** A reference: prefix (origin and path up to {@code /media/}), hash, width, height, extension. */
    public static final Pattern REFERENCE = Pattern.compile("(.*/media/)" + FILE);

    private MediaReferences() {
    }

    /** The widths served of an image {@code width} pixels wide as shown, whose files end in {@code extension}. */
    public static List<Integer> widths(int width, String extension) {
        if (extension.equals("gif")) {
            return List.of(width); // an animation is not resized
        }
        int largest = WIDTHS.get(WIDTHS.size() - 1);
        List<Integer> out = new ArrayList<>();
        for (int w : WIDTHS) {
            if (w < width) {
                out.add(w);
            }
        }
        out.add(Math.min(width, largest));
        return out;
    }

    /** {@code srcset} of a reference's match: each width's file with its {@code w} descriptor. */
    public static String srcset(Matcher reference) {
        int width = Integer.parseInt(reference.group(3));
        StringBuilder out = new StringBuilder();
        for (int w : widths(width, reference.group(5))) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(reference.group(1)).append(reference.group(2)).append('-').append(w).append('.').append(reference.group(5))
                    .append(' ').append(w).append('w');
        }
        return out.toString();
    }
}
