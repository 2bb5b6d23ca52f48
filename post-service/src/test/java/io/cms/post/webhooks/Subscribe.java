package io.cms.post.webhooks;

import static io.cms.post.TestPosts.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cms.testkit.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Subscribing through the API, as the tests' integrator does. */
final class Subscribe {

    /** A subscription as created: its id and its secret (shown only in the create answer). */
    record Created(String id, String secret) {
    }

    private Subscribe() {
    }

    static Created to(WebhookReceiver receiver, List<String> events, String... filters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", receiver.url());
        body.put("events", events);
        for (int i = 0; i + 1 < filters.length; i += 2) {
            body.put(filters[i], filters[i + 1]);
        }
        JsonPath created = admin().contentType(ContentType.JSON).body(body).post("/api/webhooks")
                .then().statusCode(201).extract().jsonPath();
        Created c = new Created(created.getString("id"), created.getString("secret"));
        receiver.verifyingWith(c.secret());
        return c;
    }

    static JsonPath deliveries(String subscriptionId, String query) {
        return admin().get("/api/webhooks/" + subscriptionId + "/deliveries?limit=100" + query)
                .then().statusCode(200).extract().jsonPath();
    }
}
