package io.cms.search;

import java.util.Map;

import io.cms.local.LocalTopics;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The shared test broker, cms.posts created as post-service would, and a fresh index directory. */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        String bootstrap = TestInfrastructure.shared().broker().bootstrapServers();
        LocalTopics.create(bootstrap);
        return Map.of("kafka.bootstrap.servers", bootstrap, "cms.admin-token", ADMIN_TOKEN,
                "cms.search.index-dir", "target/search-index-" + System.nanoTime());
    }

    @Override
    public void stop() {
    }
}
