package io.cms.post;

import java.util.Map;

import io.cms.local.LocalTopics;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points post-service at the real broker and database that the tests share. */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.shared();
        infra.postgres().ensureDatabase("cms_post");
        LocalTopics.create(infra.broker().bootstrapServers());
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl("cms_post"),
                "kafka.bootstrap.servers", infra.broker().bootstrapServers(),
                "cms.admin-token", ADMIN_TOKEN,
                "cms.posts.partitions", "3");
    }

    @Override
    public void stop() {
        // The infrastructure outlives Quarkus restarts between test classes; a shutdown hook stops it.
    }
}
