package io.cms.post.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.Timestamps;
import io.cms.post.Post;
import io.cms.post.PostStatus;

/** How a validated {@link PostInput} becomes the fields of a {@link Post}. */
final class PostInputs {

    private PostInputs() {
    }

    /**
     * Puts the input into the post: text fields stripped (blank ones become null), tags and
     * categories without duplicates, the status (or {@code statusIfMissing}) and a publish time that
     * fits it: a scheduled post needs one in the future, a published one gets {@code now} unless it
     * has one already.
     */
    static void apply(Post post, PostInput in, PostStatus statusIfMissing, OffsetDateTime now) {
        post.title = in.title().strip();
        post.markdown = in.markdown() == null ? "" : in.markdown();
        post.excerpt = blankToNull(in.excerpt());
        post.author = blankToNull(in.author());
        post.tags = distinct(in.tags());
        post.categories = distinct(in.categories());
        post.lang = blankToNull(in.lang());
        post.layout = blankToNull(in.layout());
        post.nameTerms();
        post.frontMatter = in.frontMatter() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(in.frontMatter());
        PostStatus status = in.status() == null ? statusIfMissing : PostStatus.fromWire(in.status());
        OffsetDateTime publishedAt = in.publishedAt() == null ? null : utc(Timestamps.storable("publishedAt", in.publishedAt()));
        if (status == PostStatus.SCHEDULED && (publishedAt == null || !publishedAt.isAfter(now))) {
            throw ProblemException.invalid("publishedAt", "a scheduled post needs a publishedAt in the future");
        }
        if (status == PostStatus.PUBLISHED && publishedAt == null) {
            publishedAt = post.status == PostStatus.PUBLISHED && post.publishedAt != null ? post.publishedAt : now;
        }
        post.status = status;
        post.publishedAt = publishedAt;
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static List<String> distinct(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                String s = v.strip();
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
