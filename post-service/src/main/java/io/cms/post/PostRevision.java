package io.cms.post;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a post as it was committed, with who changed what. */
@Entity
@Table(name = "post_revision")
@IdClass(PostRevision.Key.class)
public class PostRevision extends PanacheEntityBase {

    @Id
    @Column(name = "post_id")
    public UUID postId;

    @Id
    public long version;

    @Column(name = "change_type")
    public String changeType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "changed_fields")
    public List<String> changedFields = new ArrayList<>();

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    /** The post's JSON snapshot at this version (the same shape as the event payload), as written. */
    @ColumnTransformer(write = "?::jsonb")
    public String snapshot;

    /** Composite key (post, version). */
    public static class Key implements Serializable {
        public UUID postId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.postId, postId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(postId, version);
        }
    }
}
