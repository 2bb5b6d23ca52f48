package io.cms.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Tests that stop and restart the broker rely on reaching the same broker the application uses;
 * this fails if test code and the Quarkus test resource ever see different instances.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class InfraSharingIT {

    @Test
    void testCodeControlsTheBrokerTheApplicationUses() {
        String used = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        assertEquals(TestInfrastructure.shared().broker().bootstrapServers(), used);
    }
}
