package io.cms.post.rest;

import io.cms.common.cache.Representation;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.Post;

/**
 * ETags of posts and the conditional headers that use them. The ETag is the post's version (its
 * gzip-coded answer's, the version and {@code -gz}).
 */
final class Preconditions {

    private Preconditions() {
    }

    static String etag(Post post) {
        return "\"" + post.version + "\"";
    }

    /**
     * The version an {@code If-Match} header expects, or null when the header is absent or {@code *}
     * (then the write applies to whatever version is current).
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        if (tag.endsWith(Representation.GZIP_TAG_SUFFIX)) {
            tag = tag.substring(0, tag.length() - Representation.GZIP_TAG_SUFFIX.length()); // the gzip-coded answer's tag
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            // An ETag we never issued cannot match any version.
            throw new ProblemException(Kind.PRECONDITION_FAILED, "If-Match " + ifMatch + " matches no version");
        }
    }

    /** Whether an {@code If-None-Match} header already names the current version (either coding's tag). */
    static boolean notModified(String ifNoneMatch, Post post) {
        return ConditionalResponse.matches(ifNoneMatch, etag(post), "\"" + post.version + Representation.GZIP_TAG_SUFFIX + "\"");
    }
}
