package io.cms.post.accounts;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.cms.common.auth.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A staff account. */
@Entity
@Table(name = "cms_user")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    public String email;
    public String name;

    /** The role's id ({@link Role#id()}), as the table's check constraint lists them. */
    @Column(name = "role")
    public String roleId;

    /** Argon2id, PHC string format ({@link Passwords}). */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public Role role() {
        return Role.of(roleId).orElseThrow();
    }
}
