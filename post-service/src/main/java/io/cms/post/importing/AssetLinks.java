package io.cms.post.importing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a Jekyll post's images at the media library: every address of an image that came in the
 * same zip, as a site writes it ({@code /assets/img/a.png}, {@code {{ site.baseurl }}/assets/img/a.png},
 * {@code ../assets/img/a.png}, in the Markdown or in front matter such as {@code image:}), becomes the
 * library's reference of that image. Addresses of other sites, and images the zip did not bring,
 * stay as they are.
 */
final class AssetLinks {

    private static final Pattern IMAGE_PATH = Pattern.compile(
            "(?:\\{\\{\\s*site\\.(?:baseurl|url)\\s*\\}\\})?(?:\\.{1,2}/)*/?([A-Za-z0-9_\\-./%~+]+?\\.(?:png|jpe?g|gif|webp))(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);

    private AssetLinks() {
    }

    /**
     * @param links site-relative paths of the zip's images (no leading slash) → library references
     */
    static String rewrite(String text, Map<String, String> links) {
        if (links.isEmpty()) {
            return text;
        }
        Matcher m = IMAGE_PATH.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        while (m.find()) {
            String path = m.group(1).replaceFirst("^(\\./)+", "");
            String target = links.get(path);
            if (target == null) {
                target = links.get(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            // Only a whole address: not the end of another site's URL (https://other.example/assets/a.png).
            int start = m.start();
            boolean partOfUrl = start > 0 && (text.charAt(start - 1) == '/' || Character.isLetterOrDigit(text.charAt(start - 1))
                    || text.charAt(start - 1) == '.');
            if (target == null || partOfUrl) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(target));
                changed = true;
            }
        }
        if (!changed) {
            return text;
        }
        m.appendTail(out);
        return out.toString();
    }
}
