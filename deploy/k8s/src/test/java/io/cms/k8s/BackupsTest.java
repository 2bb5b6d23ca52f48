package io.cms.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL in production is backed up to object storage (WAL archived, a nightly base backup), and
 * the documented restore ({@code overlays/prod-restore}) reads exactly those backups back into a
 * cluster the services reach as before, without writing into the archive it restores from.
 */
class BackupsTest {

    static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-restore"})
    void theClusterArchivesToAnObjectStoreThatExistsAndIsBackedUpNightly(String overlay) {
        Rendered r = Rendered.of(overlay);
        JsonNode cluster = r.find("Cluster", "cms-pg").orElseThrow();
        JsonNode archiver = walArchiver(cluster);
        String storeName = archiver.path("parameters").path("barmanObjectName").asText();
        JsonNode store = r.find("ObjectStore", storeName)
                .orElseThrow(() -> new AssertionError("no ObjectStore " + storeName));
        assertTrue(store.path("spec").path("retentionPolicy").isTextual(), "old backups are removed at some point");
        List<String> errors = new ArrayList<>();
        store.path("spec").path("configuration").path("s3Credentials").forEach(ref -> errors.addAll(
                ManifestsTest.secretKey(r, overlay, Kustomize.id(store), ref.path("name").asText(), ref.path("key").asText())));
        assertEquals(List.of(), errors);

        List<JsonNode> nightly = r.kind("ScheduledBackup").stream()
                .filter(b -> b.path("spec").path("cluster").path("name").asText().equals("cms-pg")).toList();
        assertFalse(nightly.isEmpty(), "a ScheduledBackup of cms-pg");
        for (JsonNode b : nightly) {
            assertEquals("plugin", b.path("spec").path("method").asText());
            assertEquals(PLUGIN, b.path("spec").path("pluginConfiguration").path("name").asText(),
                    "backed up by the plugin that archives the WAL");
        }
    }

    @Test
    void theRestoreRecoversFromWhatProdArchivesIntoTheSameDatabasesUnderANewServerName() {
        Rendered prod = Rendered.of("prod");
        Rendered restore = Rendered.of("prod-restore");
        JsonNode before = prod.find("Cluster", "cms-pg").orElseThrow();
        JsonNode after = restore.find("Cluster", "cms-pg").orElseThrow();

        JsonNode initdb = before.path("spec").path("bootstrap").path("initdb");
        JsonNode recovery = after.path("spec").path("bootstrap").path("recovery");
        assertEquals(initdb.path("database").asText(), recovery.path("database").asText());
        assertEquals(initdb.path("owner").asText(), recovery.path("owner").asText());

        String source = recovery.path("source").asText();
        JsonNode origin = Rendered.stream(after.path("spec").path("externalClusters"))
                .filter(c -> c.path("name").asText().equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError("no external cluster " + source));
        assertEquals(PLUGIN, origin.path("plugin").path("name").asText());
        JsonNode archived = walArchiver(before).path("parameters");
        JsonNode read = origin.path("plugin").path("parameters");
        assertEquals(archived.path("barmanObjectName").asText(), read.path("barmanObjectName").asText());
        assertEquals(serverName(before), read.path("serverName").asText(), "reads the server name prod archives under");
        assertNotEquals(serverName(before), serverName(after), "never writes into the archive it restores from");

        // Everything but the database cluster is prod's, unchanged.
        assertEquals(prod.objects().stream().filter(o -> !o.path("kind").asText().equals("Cluster")).toList(),
                restore.objects().stream().filter(o -> !o.path("kind").asText().equals("Cluster")).toList());
    }

    private static JsonNode walArchiver(JsonNode cluster) {
        return Rendered.stream(cluster.path("spec").path("plugins"))
                .filter(p -> p.path("name").asText().equals(PLUGIN) && p.path("isWALArchiver").asBoolean())
                .findFirst().orElseThrow(() -> new AssertionError(Kustomize.id(cluster) + " archives no WAL with " + PLUGIN));
    }

    /** The folder of the object store a cluster archives into: its serverName parameter, or its name. */
    private static String serverName(JsonNode cluster) {
        return walArchiver(cluster).path("parameters").path("serverName").asText(Rendered.name(cluster));
    }
}
