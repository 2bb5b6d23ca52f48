package io.cms.post.studio;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import io.cms.common.text.Slugs;
import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Tags and authors in the studio: edit, merge, delete, each reaching the posts; editors and above only. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioTermsIT {

    @Test
    void anEditorRenamesMergesAndDeletesTagsAndEveryPostFollows() {
        StudioSession editor = StudioSession.of("editor");
        String name = unique("Studio Tag");
        String other = unique("Studio Other");
        String post = create(body(unique("Tagged"), "tags", List.of(name), "status", "published"));
        String second = create(body(unique("Also tagged"), "tags", List.of(other), "status", "published"));
        String id = admin().get("/api/tags/" + Slugs.slugify(name, "tag")).then().statusCode(200).extract().path("id");
        editor.page().get("/studio/posts").then().body(containsString("href=\"/studio/tags\""))
                .body(containsString("href=\"/studio/authors\""));
        editor.page().get("/studio/tags/" + id).then().statusCode(200).body(containsString("value=\"" + name + "\""))
                .body(containsString("1 published posts")).body(containsString("name=\"accentColor\""))
                .body(not(containsString("name=\"website\"")));

        String renamed = name + " renamed";
        editor.form(Map.of("version", "1", "name", renamed, "description", "What it is about", "accentColor", "#ff0000"))
                .post("/studio/tags/" + id).then().statusCode(303).header("Location", containsString("/studio/tags/" + id + "?note=saved"));
        admin().get("/api/tags/" + id).then().body("name", equalTo(renamed)).body("description", equalTo("What it is about"))
                .body("accentColor", equalTo("#ff0000")).body("version", equalTo(2));
        admin().get("/api/posts/" + post).then().body("tags", equalTo(List.of(renamed)));
        editor.page().get("/studio/tags/" + id + "?note=saved").then().body(containsString("Saved."));

        editor.form(Map.of("version", "2", "name", renamed, "accentColor", "red")).post("/studio/tags/" + id).then().statusCode(400)
                .body(containsString("accentColor: must be a colour such as #15171a")).body(containsString("value=\"red\""));
        editor.form(Map.of("version", "1", "name", renamed + " again")).post("/studio/tags/" + id).then().statusCode(412)
                .body(containsString("Someone else changed this meanwhile"));

        editor.form(Map.of("into", "nothing by this name " + unique(""))).post("/studio/tags/" + id + "/merge").then().statusCode(404);
        editor.form(Map.of("into", other)).post("/studio/tags/" + id + "/merge").then().statusCode(303)
                .header("Location", containsString("/studio/tags?note=merged"));
        admin().get("/api/tags/" + id).then().statusCode(404);
        admin().get("/api/posts/" + post).then().body("tags", equalTo(List.of(other)));

        String otherId = admin().get("/api/tags/" + Slugs.slugify(other, "tag")).then().extract().path("id");
        editor.form(Map.of()).post("/studio/tags/" + otherId + "/delete").then().statusCode(303);
        admin().get("/api/posts/" + second).then().body("tags", equalTo(List.of()));
        admin().get("/api/posts/" + post).then().body("tags", equalTo(List.of()));
    }

    @Test
    void authorsHaveTheirOwnFieldsAndOnlyEditorsSeeThesePages() {
        String author = unique("Studio Writer");
        create(body(unique("By them"), "author", author, "status", "published"));
        String id = admin().get("/api/authors/" + Slugs.slugify(author, "author")).then().extract().path("id");
        StudioSession editor = StudioSession.of("editor");
        editor.page().get("/studio/authors/" + id).then().statusCode(200).body(containsString("name=\"website\""))
                .body(not(containsString("name=\"accentColor\"")));
        editor.form(Map.of("version", "1", "name", author, "website", "https://writer.example", "location", "Kyoto"))
                .post("/studio/authors/" + id).then().statusCode(303);
        admin().get("/api/authors/" + id).then().body("website", equalTo("https://writer.example")).body("location", equalTo("Kyoto"));
        editor.page().get("/studio/authors?page=1").then().statusCode(200).body(containsString("<th scope=\"col\">Published posts</th>"));

        StudioSession writer = StudioSession.of("author");
        writer.page().get("/studio/posts").then().body(not(containsString("href=\"/studio/tags\"")));
        writer.page().get("/studio/tags").then().statusCode(403);
        writer.form(Map.of("version", "2", "name", "Taken over")).post("/studio/authors/" + id).then().statusCode(403);
        editor.form(Map.of()).post("/studio/authors/" + id + "/delete").then().statusCode(303);
        admin().get("/api/authors").then().body("items.id", not(hasItem(id)));
    }
}
