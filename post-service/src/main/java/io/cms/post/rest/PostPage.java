package io.cms.post.rest;

import java.util.List;

/** One page of a post list; {@code total} counts the whole result set. */
public record PostPage(List<PostSummary> items, long total, int page, int limit) {
}
