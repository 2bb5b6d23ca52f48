package io.cms.render.markdown;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.common.media.MediaReferences;

/**
 * Images of the media library become responsive: an {@code <img>} whose address is a library
 * reference ({@code /media/{sha256}-{width}x{height}.{ext}}) gets {@code srcset} (every width
 * served), {@code sizes}, its {@code width} and {@code height} (no layout shift while it loads),
 * {@code loading="lazy"} and {@code decoding="async"}. Applied to the sanitized HTML: what it adds is
 * built from the reference's digits and hash alone, so it adds nothing the sanitizer would refuse.
 */
final class ResponsiveImages {

    private static final Pattern IMG_SRC = Pattern.compile("<img src=\"([^\"<>]*)\"([^<>]*)>");

    private ResponsiveImages() {
    }

    static String of(String html) {
        if (!html.contains("/media/")) {
            return html;
        }
        Matcher img = IMG_SRC.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (img.find()) {
            Matcher ref = MediaReferences.REFERENCE.matcher(img.group(1));
            // An image the writer sized (raw HTML) keeps the writer's size.
            if (!ref.matches() || img.group(2).contains(" width=") || img.group(2).contains(" height=")) {
                img.appendReplacement(out, Matcher.quoteReplacement(img.group()));
                continue;
            }
            String width = ref.group(3);
            String tag = "<img src=\"" + img.group(1) + "\" srcset=\"" + MediaReferences.srcset(ref) + "\" sizes=\"(max-width: " + width
                    + "px) 100vw, " + width + "px\" width=\"" + width + "\" height=\"" + ref.group(4)
                    + "\" loading=\"lazy\" decoding=\"async\"" + img.group(2) + ">";
            img.appendReplacement(out, Matcher.quoteReplacement(tag));
        }
        img.appendTail(out);
        return out.toString();
    }
}
