package io.cms.post.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/** Lists posts by filters, sorted and paged. Parsing and checking the parameters is the caller's job. */
@ApplicationScoped
public class PostQuery {

    /** What a caller may filter by; null means no filter. */
    public record Filter(PostStatus status, String tag, String category, String author, String lang,
            OffsetDateTime from, OffsetDateTime to) {
    }

    /** Sortable fields, as the API names them. */
    public enum SortField {
        publishedAt, updatedAt, title
    }

    /** One page of results with the size of the whole result set. */
    public record Result(List<Post> items, long total) {
    }

    public Result list(Filter f, SortField sortField, boolean descending, int page, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status());
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
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        Sort sort = Sort.by(sortField.name(), descending ? Sort.Direction.Descending : Sort.Direction.Ascending,
                descending ? Sort.NullPrecedence.NULLS_LAST : Sort.NullPrecedence.NULLS_FIRST).and("id");
        PanacheQuery<Post> q = Post.find(query, sort, params);
        long total = q.count();
        List<Post> items = q.page(Page.of(page - 1, limit)).list();
        return new Result(items, total);
    }
}
