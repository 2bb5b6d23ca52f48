package io.cms.post.webhooks;

import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * At start, seals every signing secret that is not yet sealed under the current key: those stored
 * in clear before encryption, and those sealed with the previous key after a key rotation.
 */
@ApplicationScoped
public class SecretsAtRest {

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class);

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent ignored) {
        int sealed = sealAll();
        if (sealed > 0) {
            LOG.infof("Sealed the signing secrets of %d webhook subscriptions under the current key", sealed);
        }
    }

    /** Returns how many subscriptions were sealed again. */
    @Transactional
    public int sealAll() {
        SecretBox box = SecretBox.instance();
        // Only what is not sealed under the current key is read: usually nothing, at every start.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, secret, previous_secret FROM webhook_subscription
                WHERE NOT starts_with(secret, ?1) OR NOT starts_with(previous_secret, ?1)
                FOR UPDATE""").setParameter(1, box.currentPrefix()).getResultList();
        for (Object[] row : rows) {
            String secret = (String) row[1];
            String previous = (String) row[2];
            em.createNativeQuery("UPDATE webhook_subscription SET secret = ?1, previous_secret = ?2 WHERE id = ?3")
                    .setParameter(1, box.seal(box.open(secret)))
                    .setParameter(2, box.seal(box.open(previous)))
                    .setParameter(3, (UUID) row[0])
                    .executeUpdate();
        }
        return rows.size();
    }
}
