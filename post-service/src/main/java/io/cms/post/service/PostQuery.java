package io.cms.post.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/** Lists posts by filters, sorted and paged. Parsing and checking the parameters is the caller's job. */
@ApplicationScoped
public class PostQuery {

    /**
     * What a caller may filter by; null means no filter. {@code publishedOrOwnedBy}: only published
     * posts and this user's own (what an author or contributor may see).
     */
    public record Filter(PostStatus status, String tag, String category, String author, String lang,
            OffsetDateTime from, OffsetDateTime to, UUID publishedOrOwnedBy) {
    }

    /** Sortable fields, as the API names them. */
    public enum SortField {
        publishedAt, updatedAt, title
    }

    /** One page of results with the size of the whole result set; {@code next} continues after it, null at the end. */
    public record Result(List<Post> items, long total, PostCursor next) {
    }

    /**
     * One page: the {@code page}-th of {@code limit} posts, or with {@code after} the {@code limit}
     * posts that follow the cursor (then {@code page} is ignored and the cursor's sort applies).
     */
    public Result list(Filter f, SortField sortField, boolean descending, int page, int limit, PostCursor after) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status());
        }
        if (f.publishedOrOwnedBy() != null) {
            where.add("(status = :published or ownerId = :owner)");
            params.put("published", PostStatus.PUBLISHED);
            params.put("owner", f.publishedOrOwnedBy());
        }
        if (f.tag() != null) {
            where.add("array_contains(tags, :tag)");
            params.put("tag", f.tag());
        }
        if (f.category() != null) {
            where.add("array_contains(categories, :category)");
            params.put("category", f.category());
        }
        if (f.author() != null) {
            where.add("author = :author");
            params.put("author", f.author());
        }
        if (f.lang() != null) {
            where.add("lower(lang) = lower(:lang)");
            params.put("lang", f.lang());
        }
        if (f.from() != null) {
            where.add("publishedAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.add("publishedAt <= :to");
            params.put("to", f.to());
        }
        String filtered = String.join(" and ", where);
        long total = Post.count(filtered, params);
        if (after != null) {
            sortField = after.field();
            descending = after.descending();
            where.add(seek(after));
            params.put("lastId", after.lastId());
            if (after.lastValue() != null) {
                params.put("lastValue", after.lastValue());
            }
            page = 1;
        }
        Sort sort = Sort.by(sortField.name(), descending ? Sort.Direction.Descending : Sort.Direction.Ascending,
                descending ? Sort.NullPrecedence.NULLS_LAST : Sort.NullPrecedence.NULLS_FIRST).and("id");
        PanacheQuery<Post> q = Post.find(String.join(" and ", where), sort, params);
        // One more than asked tells whether a next page exists, without a second query.
        List<Post> items = new ArrayList<>(q.range((page - 1) * limit, page * limit).list());
        PostCursor next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = PostCursor.after(items.get(limit - 1), sortField, descending);
        }
        return new Result(items, total, next);
    }

    /**
     * The rows after the cursor in the order {@code field} (descending: nulls last; ascending: nulls
     * first), then id ascending: the same order as the ORDER BY, spelled as a condition.
     */
    private static String seek(PostCursor c) {
        String f = c.field().name();
        if (c.lastValue() == null) {
            return c.descending() ? "(" + f + " is null and id > :lastId)"
                    : "((" + f + " is null and id > :lastId) or " + f + " is not null)";
        }
        String beyond = c.descending() ? f + " < :lastValue" : f + " > :lastValue";
        String tie = "(" + f + " = :lastValue and id > :lastId)";
        return c.descending() ? "(" + beyond + " or " + tie + " or " + f + " is null)" : "(" + beyond + " or " + tie + ")";
    }
}
