package io.cms.common.media;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * A post's feature image (front matter {@code feature_image} or {@code image}, a string or
 * jekyll-seo-tag's {@code {path, alt}}) when it is a library reference: its size and every file of
 * it, so a frontend, a webhook receiver or a consumer of the events can write the {@code <img>}
 * without another request. An image from elsewhere is not one (its size is unknown).
 */
public record FeatureImage(String url, int width, int height, String srcset, String alt) {

    /** The feature image the front matter names, or null when it names none from the library. */
    public static FeatureImage of(Map<String, Object> frontMatter) {
        if (frontMatter == null) {
            return null;
        }
        for (String key : new String[] {"feature_image", "image"}) {
            Object v = frontMatter.get(key);
            String url = v instanceof String ? (String) v
                    : v instanceof Map<?, ?> ? String.valueOf(((Map<?, ?>) v).get(((Map<?, ?>) v).containsKey("path") ? "path" : "url"))
                    : null;
            Matcher ref = url == null ? null : MediaReferences.REFERENCE.matcher(url);
            if (ref != null && ref.matches()) {
                Object alt = v instanceof Map<?, ?> ? ((Map<?, ?>) v).get("alt") : frontMatter.get("feature_image_alt");
                return new FeatureImage(url, Integer.parseInt(ref.group(3)), Integer.parseInt(ref.group(4)),
                        MediaReferences.srcset(ref), alt == null ? null : String.valueOf(alt));
            }
        }
        return null;
    }
}
