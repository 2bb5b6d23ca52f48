package io.cms.post.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The event contract's fixture files ({@code src/test/resources/contract/<ce_type>.json}): the
 * producer's tests check that what it emits has their shape; the consumers' tests feed them in.
 */
public final class ContractFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractFixtures() {
    }

    static JsonNode fixture(String ceType) throws IOException {
        try (InputStream in = ContractFixtures.class.getResourceAsStream("/contract/" + ceType + ".json")) {
            assertTrue(in != null, "no fixture for " + ceType);
            return JSON.readTree(in);
        }
    }

    /** Same header names and fixed header values, same payload fields with the same JSON types. */
    public static void assertMatches(EventTap.Event event) throws IOException {
        String type = event.header(Topics.CE_TYPE);
        JsonNode fixture = fixture(type);
        assertEquals(fixture.get("topic").asText(), Topics.topicOf(type));
        assertEquals(names(fixture.get("headers")), new ArrayList<>(event.headers().keySet()), type + " headers");
        for (String fixed : List.of(Topics.CE_SPECVERSION, Topics.CE_SOURCE, Topics.CE_TYPE, Topics.CONTENT_TYPE)) {
            assertEquals(fixture.get("headers").get(fixed).asText(), event.header(fixed), type + " " + fixed);
        }
        assertEquals(event.key(), event.header(Topics.CE_SUBJECT));
        JsonNode value = JSON.readTree(event.value());
        assertEquals(names(fixture.get("value")), names(value), type + " payload fields");
        fixture.get("value").fields().forEachRemaining(f -> {
            JsonNode actual = value.get(f.getKey());
            if (!f.getValue().isNull() && !actual.isNull()) {
                assertEquals(f.getValue().getNodeType(), actual.getNodeType(), type + " field " + f.getKey());
            }
        });
        assertEquals(fixture.get("value").path("deleted").asBoolean(), value.path("deleted").asBoolean());
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
