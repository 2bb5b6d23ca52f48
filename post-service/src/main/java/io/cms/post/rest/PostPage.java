package io.cms.post.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a post list; {@code total} counts the whole result set. {@code next} is the link to the
 * following page (keyset: it carries a {@code cursor}), absent on the last one; {@code page} is absent
 * when the page was asked for by cursor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostPage(List<PostSummary> items, long total, Integer page, int limit, String next) {
}
