package io.cms.local;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of the CMS, created by the deployment before any service starts (on Kubernetes the
 * same list is a set of Strimzi KafkaTopic resources), so no consumer waits on a missing topic and
 * nothing is auto-created with the wrong settings. Tests create them the same way.
 */
public final class LocalTopics {

    public static final List<NewTopic> ALL = List.of(
            new NewTopic("cms.posts", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
            new NewTopic("cms.rendered", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
            new NewTopic("cms.posts.render-dlq", 1, (short) 1),
            new NewTopic("cms.posts.search-dlq", 1, (short) 1),
            new NewTopic("cms.posts.webhook-dlq", 1, (short) 1),
            new NewTopic("cms.rendered.webhook-dlq", 1, (short) 1));

    private LocalTopics() {
    }

    /** Creates every topic that does not exist yet. */
    public static void create(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            for (NewTopic topic : ALL) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
