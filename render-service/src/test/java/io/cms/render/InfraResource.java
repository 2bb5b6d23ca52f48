package io.cms.render;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import io.cms.local.TestInfrastructure;
import io.cms.render.messaging.Channels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Points render-service at the real broker and database the tests share, and creates
 * {@code cms.posts} as post-service would (compacted, 3 partitions) before the consumer starts.
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.shared();
        infra.postgres().ensureDatabase("cms_render");
        createTopics(infra.broker().bootstrapServers());
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl("cms_render"),
                "kafka.bootstrap.servers", infra.broker().bootstrapServers(),
                "cms.admin-token", ADMIN_TOKEN,
                "cms.render.site-baseurl", "/blog");
    }

    private static void createTopics(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (NewTopic topic : List.of(
                    new NewTopic(Channels.POSTS_TOPIC, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Channels.RENDERED_TOPIC, 3, (short) 1),
                    new NewTopic(Channels.POSTS_DLQ_TOPIC, 1, (short) 1))) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Shared with other test classes; a shutdown hook stops it.
    }
}
