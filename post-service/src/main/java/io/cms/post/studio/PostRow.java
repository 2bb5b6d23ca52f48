package io.cms.post.studio;

import java.time.OffsetDateTime;
import java.util.List;

import io.cms.post.Post;
import io.quarkus.qute.TemplateData;

/** A post as a line of the studio's list. */
@TemplateData
public record PostRow(String id, String title, String status, String author, List<String> tags, OffsetDateTime updatedAt) {

    static PostRow of(Post p) {
        return new PostRow(p.id.toString(), p.title, p.status.wireName(), p.author == null ? "" : p.author, p.tags,
                p.updatedAt);
    }

    /** The tags as one line. */
    public String tagLine() {
        return String.join(", ", tags);
    }

    /** The time as people read it, to the minute, in UTC (the page shows it in the reader's zone when scripts run). */
    public String updated() {
        return updatedAt.toLocalDateTime().withSecond(0).withNano(0).toString().replace('T', ' ') + " UTC";
    }
}
