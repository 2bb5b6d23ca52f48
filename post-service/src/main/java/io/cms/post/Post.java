package io.cms.post;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.taxonomy.TermKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A post as stored: the source of truth that every other service derives from. */
@Entity
@Table(name = "post")
public class Post extends PanacheEntityBase {

    @Id
    public UUID id;

    public String slug;
    public String title;
    public String markdown;
    public String excerpt;
    public String author;

    /** The user who owns the post (who wrote it); null for imported posts and the admin token's. */
    @Column(name = "owner_id")
    public UUID ownerId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> categories = new ArrayList<>();

    /** The slugs of {@link #tags} and {@link #author}: what ties them to their entities (see {@link #nameTerms}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tag_slugs")
    public List<String> tagSlugs = new ArrayList<>();

    @Column(name = "author_slug")
    public String authorSlug;

    public String lang;
    public String layout;

    @Convert(converter = PostStatus.Converter.class)
    public PostStatus status;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Grows by one with every committed change, deletion included; consumers order events by it. */
    public long version;

    /** Every front-matter key that has no field of its own, kept as imported. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "front_matter")
    public Map<String, Object> frontMatter = new LinkedHashMap<>();

    /** Sets the slugs that tie the post's tag and author names to their entities; after every change of them. */
    public void nameTerms() {
        tagSlugs = tags.stream().map(TermKind.TAG::slug).distinct().toList();
        authorSlug = author == null ? null : TermKind.AUTHOR.slug(author);
    }
}
