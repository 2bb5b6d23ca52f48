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

    /** {@code <issuer> <subject>} for a user of the OpenID Connect provider, else null. */
    @Column(name = "oidc_subject")
    public String oidcSubject;

    /** Argon2id, PHC string format ({@link Passwords}); null for a provider's user, who has none here. */
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
