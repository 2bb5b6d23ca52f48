package io.cms.render;

import java.util.Map;

import io.cms.local.LocalTopics;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
        LocalTopics.create(infra.broker().bootstrapServers());
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl("cms_render"),
                "kafka.bootstrap.servers", infra.broker().bootstrapServers(),
                "cms.admin-token", ADMIN_TOKEN,
                "cms.render.site-baseurl", "/blog");
    }

    @Override
    public void stop() {
        // Shared with other test classes; a shutdown hook stops it.
    }
}
