package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;

import io.cms.post.PostRevision;

/** Who changed what, and when, in one version of a post. */
public record RevisionSummary(long version, String changeType, List<String> changedFields, String changedBy,
        OffsetDateTime changedAt) {

    static RevisionSummary of(PostRevision r) {
        return new RevisionSummary(r.version, r.changeType, r.changedFields, r.changedBy, r.changedAt);
    }
}
