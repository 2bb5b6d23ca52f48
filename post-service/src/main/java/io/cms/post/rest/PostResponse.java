package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.common.media.MediaReferences;
import io.cms.post.Post;

/** A post as the API returns it. */
public record PostResponse(
        UUID id,
        String slug,
        String title,
        String markdown,
        String excerpt,
        String author,
        UUID ownerId,
        List<String> tags,
        List<String> categories,
        String lang,
        String layout,
        String status,
        OffsetDateTime publishedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version,
        Map<String, Object> frontMatter,
        @JsonInclude(JsonInclude.Include.NON_NULL) FeatureImage featureImage) {

    /**
     * The post's feature image (front matter {@code feature_image} or {@code image}, a string or
     * jekyll-seo-tag's {@code {path, alt}}) when it is a library reference: its size and every file
     * of it, for a frontend's {@code <img>} without another request.
     */
    public record FeatureImage(String url, int width, int height, String srcset, String alt) {

        static FeatureImage of(Map<String, Object> frontMatter) {
            for (String key : new String[] {"feature_image", "image"}) {
                Object v = frontMatter.get(key);
                String url = v instanceof String text ? text
                        : v instanceof Map<?, ?> m ? String.valueOf(m.get(m.containsKey("path") ? "path" : "url")) : null;
                Matcher ref = url == null ? null : MediaReferences.REFERENCE.matcher(url);
                if (ref != null && ref.matches()) {
                    Object alt = v instanceof Map<?, ?> m ? m.get("alt") : frontMatter.get("feature_image_alt");
                    return new FeatureImage(url, Integer.parseInt(ref.group(3)), Integer.parseInt(ref.group(4)),
                            MediaReferences.srcset(ref), alt == null ? null : String.valueOf(alt));
                }
            }
            return null;
        }
    }

    static PostResponse of(Post p) {
        return new PostResponse(p.id, p.slug, p.title, p.markdown, p.excerpt, p.author, p.ownerId, p.tags, p.categories,
                p.lang, p.layout, p.status.wireName(), p.publishedAt, p.createdAt, p.updatedAt, p.version,
                p.frontMatter, FeatureImage.of(p.frontMatter));
    }
}
