package io.cms.post.importing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cms.post.Post;
import io.cms.post.PostStatus;

/** Writes a post as a Jekyll Markdown file that {@link JekyllPost} reads back into the same post. */
public final class PostExporter {

    private PostExporter() {
    }

    public static String toMarkdown(Post post) {
        Map<String, Object> fm = new LinkedHashMap<>();
        putIfPresent(fm, "layout", post.layout);
        fm.put("title", post.title);
        fm.put("slug", post.slug);
        if (post.publishedAt != null) {
            // ISO-8601 keeps the microseconds; Jekyll reads it too.
            fm.put("date", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(post.publishedAt.withOffsetSameInstant(ZoneOffset.UTC)));
        }
        putIfPresent(fm, "author", post.author);
        putIfPresent(fm, "lang", post.lang);
        if (!post.categories.isEmpty()) {
            fm.put("categories", post.categories);
        }
        if (!post.tags.isEmpty()) {
            fm.put("tags", post.tags);
        }
        putIfPresent(fm, "excerpt", post.excerpt);
        if (post.status == PostStatus.DRAFT) {
            fm.put("published", false);
        }
        fm.putAll(post.frontMatter);
        return FrontMatter.write(fm, post.markdown);
    }

    /** {@code 2025-10-07-slug.md}, the Jekyll file name, or {@code slug.md} for an undated draft. */
    public static String fileName(Post post) {
        String date = post.publishedAt == null ? ""
                : DateTimeFormatter.ISO_LOCAL_DATE.format(post.publishedAt.withOffsetSameInstant(ZoneOffset.UTC)) + "-";
        return date + post.slug + ".md";
    }

    private static void putIfPresent(Map<String, Object> fm, String key, String value) {
        if (value != null) {
            fm.put(key, value);
        }
    }
}
