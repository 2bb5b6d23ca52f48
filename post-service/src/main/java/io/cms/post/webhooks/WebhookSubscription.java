package io.cms.post.webhooks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A receiver of content events: where to send, which events, and the secrets that sign them. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;

    public String url;

    /** Webhook event types; empty means all of them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> events = new ArrayList<>();

    public String tag;
    public String category;
    public String description;
    public boolean active = true;

    /** Sealed in the database ({@link SecretBox}); in clear here. */
    @Convert(converter = SealedSecret.class)
    public String secret;

    @Column(name = "previous_secret")
    @Convert(converter = SealedSecret.class)
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    @Column(name = "failing_since")
    public OffsetDateTime failingSince;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Whether this subscription wants an event of this type about a post with these tags and categories. */
    /** Whether this subscription takes events of the type at all, before looking at the post. */
    public boolean wantsType(String type) {
        return events.isEmpty() || events.contains(type);
    }

    public boolean wants(String type, List<String> postTags, List<String> postCategories) {
        return wantsType(type)
                && (tag == null || postTags.contains(tag))
                && (category == null || postCategories.contains(category));
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its grace period. */
    public List<String> signingSecrets(OffsetDateTime now) {
        return Secrets.signing(secret, previousSecret, previousSecretExpiresAt, now);
    }
}
