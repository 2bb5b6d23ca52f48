package io.cms.post.taxonomy;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A tag or an author. Its slug always is the slug of its name, because posts name their terms and
 * the slug of that name is the tie; a new name with another slug is a rename of the tie as well.
 */
@Entity
@Table(name = "taxonomy_term")
public class Term extends PanacheEntityBase {

    @Id
    public UUID id;

    public String kind;
    public String slug;
    public String name;
    public String description;
    public String image;

    @Column(name = "cover_image")
    public String coverImage;

    public String website;
    public String location;
    public String twitter;
    public String facebook;

    @Column(name = "accent_color")
    public String accentColor;

    @Column(name = "meta_title")
    public String metaTitle;

    @Column(name = "meta_description")
    public String metaDescription;

    @Column(name = "user_id")
    public UUID userId;

    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public TermKind termKind() {
        return TermKind.TAG.id().equals(kind) ? TermKind.TAG : TermKind.AUTHOR;
    }
}
