package io.cms.post.studio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.testkit.Browser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The studio in a real browser (headless Chromium): a writer signs in, sees their posts, filters, signs out. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioBrowserIT {

    private static String studio() {
        return "http://localhost:" + RestAssured.port + "/studio/";
    }

    @Test
    void aWriterSignsInSeesTheirPostsAndSignsOut() throws Exception {
        String email = StudioUsers.make("author", "Browser author");
        Response api = io.restassured.RestAssured.given().contentType("application/json")
                .body(java.util.Map.of("email", email, "password", StudioIT.PASSWORD, "cookie", true)).post("/api/session");
        String draft = StudioUsers.draft(api.cookie("cms_session"), api.cookie("cms_csrf"), "Browser draft " + UUID.randomUUID());
        try (Browser browser = new Browser("en-US")) {
            browser.open(studio());
            assertTrue(browser.url().endsWith("/studio/sign-in"), browser.url());
            browser.fill("Email", email);
            browser.fill("Password", "a wrong password for sure");
            browser.click("Sign in");
            assertTrue(browser.text().contains("The email address or the password is not right."), browser.text());

            browser.fill("Password", StudioIT.PASSWORD);
            browser.click("Sign in");
            assertTrue(browser.url().endsWith("/studio/posts"), browser.url());
            String list = browser.text();
            assertTrue(list.contains(draft) && list.contains("Draft") && list.contains("Signed in as Browser author"), list);
            assertFalse(browser.script("return document.cookie").contains("cms_session"), "no script reads the session");

            browser.open(studio() + "posts?status=published");
            assertFalse(browser.text().contains(draft), "a draft is not published");

            browser.click("Sign out");
            String out = browser.urlEndingWith("/studio/sign-in");
            assertTrue(out.endsWith("/studio/sign-in"), out);
            browser.open(studio() + "posts");
            assertTrue(browser.url().endsWith("/studio/sign-in"), "signed out: " + browser.url());
        }
    }

    /** Signing in with the keyboard alone: Tab reaches each control in order, with its focus visible, and Enter submits. */
    @Test
    void theStudioIsKeyboardOperableWithVisibleFocus() throws Exception {
        String email = StudioUsers.make("author", "Keyboard writer");
        try (Browser browser = new Browser("en-US")) {
            browser.open(studio() + "sign-in");
            String focused = "var e = document.activeElement; return (e.labels && e.labels.length ? e.labels[0].textContent"
                    + " : e.textContent).trim() + '|' + getComputedStyle(e).outlineStyle";
            java.util.List<String> order = new java.util.ArrayList<>();
            browser.script("document.activeElement.blur(); return ''");
            for (int i = 0; i < 8 && !order.contains("Sign in"); i++) {
                browser.press(Browser.TAB);
                String[] now = browser.script(focused).split("\\|");
                order.add(now[0]);
                assertFalse(now.length < 2 || now[1].equals("none"), "no visible focus on " + now[0]);
                if (now[0].equals("Email")) {
                    browser.press(email);
                } else if (now[0].equals("Password")) {
                    browser.press(StudioIT.PASSWORD);
                }
            }
            assertTrue(order.indexOf("Email") >= 0 && order.indexOf("Email") < order.indexOf("Password")
                    && order.indexOf("Password") < order.indexOf("Sign in"), "focus order " + order);
            browser.press(Browser.ENTER);
            assertTrue(browser.url().endsWith("/studio/posts"), browser.url());
        }
    }

    @Test
    void aWriterWritesSavesAndPublishesAPost() throws Exception {
        String email = StudioUsers.make("author", "Browser writer");
        String title = "書いた記事 " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser("en-US")) {
            browser.open(studio() + "sign-in");
            browser.fill("Email", email);
            browser.fill("Password", StudioIT.PASSWORD);
            browser.click("Sign in");
            browser.follow("New post");
            browser.fill("Title", title);
            browser.fill("Tags", "日本語, test");
            browser.fill("Markdown", "# 見出し\n\n半導体の輸出について。");
            browser.click("Save draft");
            String saved = browser.text();
            assertTrue(saved.contains("Saved.") && saved.contains("Draft") && saved.contains("Version 1"), saved);
            assertTrue(browser.value("Markdown").contains("半導体の輸出について。"), browser.value("Markdown"));

            browser.click("Publish");
            String published = browser.text();
            assertTrue(published.contains("Published") && published.contains("Version 2"), published);

            browser.fill("Markdown", "# 見出し\n\n半導体の輸入について。");
            browser.click("Save draft");
            browser.follow("Revisions");
            assertTrue(browser.text().contains("Browser writer"), browser.text());
            browser.click("Compare");
            String diff = browser.text();
            assertTrue(diff.contains("Version 2 → version 3") && diff.contains("半導体の輸出について。")
                    && diff.contains("半導体の輸入について。"), diff);
            browser.follow("← Revisions");
            browser.click("Restore");
            String restored = browser.text();
            assertTrue(restored.contains("Version 2's content was restored") && restored.contains("Version 4"), restored);
            assertTrue(browser.value("Markdown").contains("半導体の輸出について。"), browser.value("Markdown"));
            browser.follow("← Posts");
            assertTrue(browser.text().contains(title), browser.text());
        }
    }

    @Test
    void aPostIsScheduledAtTheWritersLocalTime() throws Exception {
        String email = StudioUsers.make("author", "Browser scheduler");
        try (Browser browser = new Browser("en-US", "Asia/Tokyo")) {
            browser.open(studio() + "sign-in");
            browser.fill("Email", email);
            browser.fill("Password", StudioIT.PASSWORD);
            browser.click("Sign in");
            browser.follow("New post");
            // The studio's script tells the server the browser's zone (and shows the page again in it).
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!browser.text().contains("Time zone: Asia/Tokyo") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(browser.text().contains("Time zone: Asia/Tokyo"), browser.text());
            browser.fill("Title", "Scheduled from a browser");
            browser.fill("Markdown", "Later.");
            browser.script("document.getElementById('publishAt').value = '2030-01-02T09:30'; return ''");
            browser.click("Schedule");
            String page = browser.text();
            assertTrue(page.contains("Scheduled") && page.contains("Saved."), page);
            assertTrue(browser.value("Publish at").startsWith("2030-01-02T09:30"), browser.value("Publish at"));
            String id = browser.url().replaceAll(".*/studio/editor/([0-9a-f-]{36}).*", "$1");
            io.restassured.RestAssured.given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN)
                    .get("/api/posts/" + id).then().statusCode(200)
                    .body("publishedAt", org.hamcrest.Matchers.equalTo("2030-01-02T00:30:00Z"));
        }
    }

    @Test
    void aJapaneseBrowserGetsTheStudioInJapanese() throws Exception {
        String email = StudioUsers.make("editor", "編集者");
        try (Browser browser = new Browser("ja")) {
            browser.open(studio() + "sign-in");
            browser.fill("メールアドレス", email);
            browser.fill("パスワード", StudioIT.PASSWORD);
            browser.click("サインイン");
            String list = browser.text();
            assertTrue(list.contains("記事") && list.contains("編集者（editor）としてサインイン中"), list);
        }
    }

    @Test
    void anAdminImportsFilesAndReadsTheReport() throws Exception {
        String email = StudioUsers.make("admin", "Browser admin");
        String slug = "browser-import-" + UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("studio-import");
        java.nio.file.Path good = java.nio.file.Files.writeString(dir.resolve("2021-05-01-" + slug + ".md"),
                "---\ntitle: ブラウザーから\n---\n本文。\n");
        java.nio.file.Path bad = java.nio.file.Files.write(dir.resolve("broken.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xE9});
        java.nio.file.Path zip = dir.resolve("jekyll.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("_posts/2021-05-02-" + slug + "-zipped.md"));
            z.write("---\ntitle: 圧縮ファイルから\n---\n本文。\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        try (Browser browser = new Browser("en-US")) {
            browser.open(studio() + "sign-in");
            browser.fill("Email", email);
            browser.fill("Password", StudioIT.PASSWORD);
            browser.click("Sign in");
            browser.follow("Import");
            browser.upload("Files", good, bad, zip);
            browser.click("Import files");
            String report = "";
            for (int i = 0; i < 100 && !report.contains("Report"); i++) {
                Thread.sleep(100);
                report = browser.text();
            }
            assertTrue(report.contains("2 created, 0 updated, 0 unchanged, 1 failed") && report.contains("broken.md")
                    && report.contains("jekyll.zip › _posts/2021-05-02-" + slug + "-zipped.md")
                    && report.contains("is not UTF-8 text"), report);
            browser.follow(slug);
            assertTrue(browser.value("Title").equals("ブラウザーから"), browser.value("Title"));
        }
    }

    @Test
    void anInvitedPersonMakesTheirAccountAndSignsIn() throws Exception {
        String email = "browser-invited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String url = RestAssured.given().header("Authorization", "Bearer " + io.cms.post.InfraResource.ADMIN_TOKEN)
                .contentType("application/json").body(java.util.Map.of("email", email, "role", "contributor"))
                .post("/api/invitations").then().statusCode(201).extract().path("url");
        try (Browser browser = new Browser("ja")) {
            browser.open(studio() + url.substring(url.indexOf("/studio/") + "/studio/".length()));
            assertTrue(browser.text().contains(email + " が 寄稿者 として招待されています。"), browser.text());
            browser.fill("あなたの名前", "招かれた人");
            browser.fill("パスワードを決める", StudioIT.PASSWORD);
            browser.click("アカウントを作成");
            assertTrue(browser.text().contains("アカウントを作成しました"), browser.text());
            browser.fill("メールアドレス", email);
            browser.fill("パスワード", StudioIT.PASSWORD);
            browser.click("サインイン");
            assertTrue(browser.url().endsWith("/studio/posts"), browser.url());
            assertTrue(browser.text().contains("招かれた人"), browser.text());
        }
    }

    /** axe-core on every page of the studio an admin sees: no serious or critical problem. */
    @Test
    void everyPageHasNoSeriousAccessibilityProblem() throws Exception {
        String email = StudioUsers.make("admin", "Accessible admin");
        String invitation = RestAssured.given().header("Authorization", "Bearer " + io.cms.post.InfraResource.ADMIN_TOKEN)
                .contentType("application/json").body(java.util.Map.of("email", "axe-" + UUID.randomUUID() + "@example.com",
                        "role", "author")).post("/api/invitations").then().statusCode(201).extract().path("url");
        String hook = RestAssured.given().header("Authorization", "Bearer " + io.cms.post.InfraResource.ADMIN_TOKEN)
                .contentType("application/json").body(java.util.Map.of("url", "http://localhost:9/axe"))
                .post("/api/webhooks").then().statusCode(201).extract().path("id");
        String tag = RestAssured.given().header("Authorization", "Bearer " + io.cms.post.InfraResource.ADMIN_TOKEN)
                .contentType("application/json").body(java.util.Map.of("name", "アクセシブル " + UUID.randomUUID()))
                .post("/api/tags").then().statusCode(201).extract().path("id");
        try (Browser browser = new Browser("ja")) {
            java.util.Map<String, java.util.List<String>> problems = new java.util.LinkedHashMap<>();
            browser.open(studio() + "sign-in");
            problems.put("sign-in", browser.accessibilityProblems());
            browser.fill("メールアドレス", email);
            browser.fill("パスワード", StudioIT.PASSWORD);
            browser.click("サインイン");
            browser.follow("新しい記事");
            problems.put("new post", browser.accessibilityProblems());
            browser.fill("タイトル", "アクセシビリティ");
            browser.fill("Markdown", "# 見出し\n\n本文。");
            browser.click("下書きを保存");
            problems.put("editor", browser.accessibilityProblems());
            browser.fill("Markdown", "# 見出し\n\n本文を変えた。");
            browser.click("下書きを保存");
            String post = browser.url().replaceAll(".*/studio/editor/([0-9a-f-]{36}).*", "$1");
            for (String page : java.util.List.of("posts", "editor/" + post + "/revisions", "editor/" + post + "/revisions/diff?from=1&to=2",
                    "import", "media", "tags", "tags/" + tag, "authors", "settings/users", "settings/keys", "settings/webhooks", "settings/webhooks/" + hook, "settings/site", "profile",
                    invitation.substring(invitation.indexOf("/studio/") + "/studio/".length()))) {
                browser.open(studio() + page);
                problems.put(page, browser.accessibilityProblems());
            }
            problems.values().removeIf(java.util.List::isEmpty);
            assertTrue(problems.isEmpty(), "serious or critical: " + problems);
            // The check sees what it must: an unlabelled field is a critical problem.
            browser.script("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"nameless\">'); return ''");
            assertTrue(browser.accessibilityProblems().stream().anyMatch(p -> p.startsWith("label (critical)")),
                    "axe-core found no unlabelled field");
        }
    }
}
