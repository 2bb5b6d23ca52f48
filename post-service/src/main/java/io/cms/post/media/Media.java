package io.cms.post.media;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An image of the library. Its bytes live in the {@link MediaStore} under {@link #sha256}. */
@Entity
@Table(name = "media")
public class Media extends PanacheEntityBase {

    @Id
    public UUID id;

    public String sha256;
    public String type;
    public long bytes;
    public int width;
    public int height;
    public int orientation;

    @Column(name = "variant_ext")
    public String variantExt;

    @Column(name = "file_name")
    public String fileName;

    public String alt;
    public String caption;

    @Column(name = "focal_x")
    public Float focalX;

    @Column(name = "focal_y")
    public Float focalY;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public ImageKind kind() {
        for (ImageKind k : ImageKind.values()) {
            if (k.mime().equals(type)) {
                return k;
            }
        }
        throw new IllegalStateException("a stored media type that is not an image kind: " + type);
    }

    Images.Size size() {
        return new Images.Size(width, height, orientation, variantExt);
    }
}
