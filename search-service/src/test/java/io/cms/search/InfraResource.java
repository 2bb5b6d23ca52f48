package io.cms.search;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import io.cms.local.TestInfrastructure;
import io.cms.search.messaging.IndexFeeder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The shared test broker, cms.posts created as post-service would, and a fresh index directory. */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        String bootstrap = TestInfrastructure.shared().broker().bootstrapServers();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (NewTopic topic : List.of(
                    new NewTopic(IndexFeeder.POSTS_TOPIC, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(IndexFeeder.DLQ_TOPIC, 1, (short) 1))) {
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
        return Map.of("kafka.bootstrap.servers", bootstrap, "cms.admin-token", ADMIN_TOKEN,
                "cms.search.index-dir", "target/search-index-" + System.nanoTime());
    }

    @Override
    public void stop() {
    }
}
