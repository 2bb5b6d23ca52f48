package io.cms.post;

import java.util.Map;

import io.cms.local.LocalTopics;
import io.cms.post.accounts.TestIdentityProvider;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points post-service at the real broker and database that the tests share, and at a test identity provider. */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.shared();
        infra.postgres().ensureDatabase("cms_post");
        LocalTopics.create(infra.broker().bootstrapServers());
        TestIdentityProvider provider = TestIdentityProvider.shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl("cms_post"),
                "kafka.bootstrap.servers", infra.broker().bootstrapServers(),
                "cms.admin-token", ADMIN_TOKEN,
                "cms.posts.partitions", "3",
                // Passwords and the provider side by side, as a team moving to the provider runs.
                "cms.oidc.issuer", provider.issuer(),
                "cms.oidc.client-id", TestIdentityProvider.CLIENT_ID,
                "cms.oidc.role-claim", TestIdentityProvider.ROLE_CLAIM,
                "cms.oidc.roles", TestIdentityProvider.ROLES);
    }

    @Override
    public void stop() {
        // The infrastructure outlives Quarkus restarts between test classes; a shutdown hook stops it.
    }
}
