package io.cms.local;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of the CMS, created by the deployment before any service starts (on Kubernetes the
 * same list is a set of Strimzi KafkaTopic resources), so no consumer waits on a missing topic and
 * nothing is auto-created with the wrong settings. Tests create them the same way.
 */
public final class LocalTopics {

    /**
     * Largest record every topic takes: {@code io.cms.common.messaging.EventLimits.MAX_RECORD_BYTES}
     * (this launcher does not depend on the services' module; post-service's tests compare the two).
     */
    public static final String MAX_MESSAGE_BYTES = "9437184";

    public static final List<NewTopic> ALL = List.of(
            topic("cms.posts", 3, true),
            topic("cms.rendered", 3, true),
            topic("cms.terms", 3, true),
            topic("cms.settings", 1, true),
            topic("cms.posts.render-dlq", 1, false),
            topic("cms.posts.search-dlq", 1, false),
            topic("cms.posts.webhook-dlq", 1, false),
            topic("cms.rendered.webhook-dlq", 1, false));

    private static NewTopic topic(String name, int partitions, boolean compacted) {
        Map<String, String> configs = compacted
                ? Map.of("cleanup.policy", "compact", "max.message.bytes", MAX_MESSAGE_BYTES)
                : Map.of("max.message.bytes", MAX_MESSAGE_BYTES);
        return new NewTopic(name, partitions, (short) 1).configs(configs);
    }

    private LocalTopics() {
    }

    /** Creates every topic that does not exist yet, and gives existing ones (an older data directory) the settings. */
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
                    List<AlterConfigOp> ops = topic.configs().entrySet().stream()
                            .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                            .toList();
                    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), ops))
                            .all().get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not set the settings of the topics", e.getCause());
        }
    }
}
