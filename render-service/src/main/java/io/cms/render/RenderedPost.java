package io.cms.render;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cms.render.markdown.ContentWarning;
import io.cms.render.markdown.TocEntry;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The rendered state of one post at the newest version this service has applied. */
@Entity
@Table(name = "rendered_post")
public class RenderedPost extends PanacheEntityBase {

    @Id
    public UUID id;

    public long version;

    /** False once the post is unpublished or deleted: nothing is served, the version still guards order. */
    public boolean visible;

    public String slug;
    public String title;
    public String html;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<TocEntry> toc;

    public String excerpt;

    @Column(name = "reading_time_minutes")
    public Integer readingTimeMinutes;

    @Column(name = "word_count")
    public Integer wordCount;

    @Column(name = "cjk_char_count")
    public Integer cjkCharCount;

    @Column(name = "char_count")
    public Integer charCount;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ContentWarning> warnings;

    @Column(name = "rendered_at")
    public OffsetDateTime renderedAt;
}
