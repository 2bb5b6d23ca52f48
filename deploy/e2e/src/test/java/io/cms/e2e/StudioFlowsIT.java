package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.testkit.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The studio's editor on the whole stack, in a real browser: the preview is render-service's HTML
 * for the text being typed (never mid-composition), the checks point at their lines, a preview link
 * opens on render-service, and typed text survives a reload.
 */
class StudioFlowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a studio password of some length";
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack("studio");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void thePreviewFollowsTheTextButNotAnImeMidComposition() throws Exception {
        try (Browser browser = signedIn("Preview writer")) {
            browser.open(stack.url("post-service", "/studio/editor"));
            browser.fill("Title", "プレビュー");
            String repeated = "同じ段落がここで二度出てきます。長さも十分にある段落です。";
            browser.fill("Markdown", "# 見出しです\n\n" + repeated + "\n\n" + repeated + "\n\n{{ page.missing }}\n\n<script>alert(1)</script>");
            awaitPreview(browser, "見出しです");
            String checks = awaitRegion(browser, "Checks", "Repeated paragraph");
            assertTrue(checks.contains("line 3") && checks.contains("line 5"), checks);
            assertTrue(checks.contains("Liquid output with no value") && checks.contains("line 7"), checks);
            assertTrue(checks.contains("Reading time"), checks);
            assertEquals("0", browser.inFrame("Preview", "return String(document.querySelectorAll('script').length)"),
                    "the preview is sanitized like published pages");
            assertEquals("H1", browser.inFrame("Preview", "return document.querySelector('h1').tagName"));
            assertEquals("", browser.script("return document.querySelector('#live iframe').getAttribute('sandbox')"),
                    "shown in a frame without script or the studio's origin");
            assertEquals(java.util.List.of(), browser.accessibilityProblems());

            // A line link selects the repeat in the Markdown.
            browser.script("document.querySelector('#live a[data-line=\"5\"]').click(); return ''");
            assertEquals(repeated, browser.script("var m = document.getElementById('markdown');"
                    + " return m.value.substring(m.selectionStart, m.selectionEnd)"));

            // An IME composing: the field holds unconverted kana, which is not previewed; the
            // converted text is, once composition ends.
            browser.script("var m = document.getElementById('markdown');"
                    + " m.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));"
                    + " m.value = '# はんどうたいのゆしゅつ';"
                    + " m.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, data: 'つ'})); return ''");
            Thread.sleep(1_500);
            String during = browser.frameText("Preview");
            assertTrue(during.contains("見出しです") && !during.contains("はんどうたい"), during);
            browser.script("var m = document.getElementById('markdown'); m.value = '# 半導体の輸出';"
                    + " m.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '半導体の輸出'}));"
                    + " m.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: false})); return ''");
            long ended = System.nanoTime();
            awaitPreview(browser, "半導体の輸出");
            long took = (System.nanoTime() - ended) / 1_000_000;
            assertTrue(took < 1_500, "preview " + took + " ms after composition ended");
            assertFalse(browser.region("Checks").contains("Repeated paragraph"), browser.region("Checks"));
        }
    }

    @Test
    void aPreviewLinkIsMadeAndOpensTheDraftOnRenderService() throws Exception {
        try (Browser browser = signedIn("Link writer")) {
            String id = draftThroughTheEditor(browser, "リンクの下書き", "下書きの本文です。");
            browser.click("Preview link");
            String[] url = new String[1];
            Stack.awaitTrue(10, () -> {
                try {
                    url[0] = browser.script("var o = document.getElementById('link-made'); return o.dataset.url || ''");
                    return !url[0].isEmpty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(url[0].startsWith(stack.url("render-service", "/api/preview/")), url[0]);
            HttpResponse<String> page = stack.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url[0])));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("下書きの本文です。"), page.body());
            JsonNode links = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts/" + id + "/preview-links")).body());
            assertEquals(1, links.size(), links.toString());
        }
    }

    @Test
    void typedTextSurvivesAReloadAndTheWriterIsWarnedBeforeLeaving() throws Exception {
        try (Browser browser = signedIn("Draft writer")) {
            String id = draftThroughTheEditor(browser, "消えない下書き", "保存した本文。");
            assertEquals("false", leavingIsGuarded(browser), "nothing typed yet");
            // Typed by script: a page a person has not touched may be left without the browser asking,
            // which lets the test reload it (the guard itself is checked through its event).
            browser.script("var m = document.getElementById('markdown'); m.value = '保存していない本文。';"
                    + " m.dispatchEvent(new InputEvent('input', {bubbles: true})); return ''");
            assertEquals("true", leavingIsGuarded(browser));
            Thread.sleep(500); // the draft is kept 300 ms after the last keystroke

            // Someone else saves meanwhile; the restored text must not overwrite their version.
            HttpResponse<String> other = stack.send(stack.admin("post-service", "/api/posts/" + id)
                    .header("Content-Type", "application/json")
                    .PUT(BodyPublishers.ofString("{\"title\":\"消えない下書き\",\"markdown\":\"他の人の本文。\"}")));
            assertEquals(200, other.statusCode(), other.body());

            browser.open(stack.url("post-service", "/studio/editor/" + id));
            assertEquals("保存していない本文。", browser.value("Markdown"));
            assertTrue(browser.text().contains("Restored unsaved changes kept in this browser."), browser.text());
            browser.click("Save draft");
            String refused = browser.text();
            assertTrue(refused.contains("Someone else saved this post meanwhile"), refused);
            JsonNode stored = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts/" + id)).body());
            assertEquals("他の人の本文。", stored.get("markdown").asText(), "nothing overwritten");
        }
    }

    @Test
    void theListSearchesThroughSearchServiceFindingWhatTheWriterMaySee() throws Exception {
        String word = "榧" + UUID.randomUUID().toString().substring(0, 4);
        try (Browser mine = signedIn("Searching author", "author"); Browser theirs = signedIn("Other author", "author");
                Browser editor = signedIn("Searching editor", "editor")) {
            draftThroughTheEditor(mine, "自分の下書き " + word, "自分だけの" + word + "の話。");
            draftThroughTheEditor(theirs, "他人の下書き " + word, "他人の" + word + "の話。");
            for (Browser b : java.util.List.of(mine, editor)) {
                b.open(stack.url("post-service", "/studio/posts"));
            }
            String[] seen = new String[1];
            Stack.awaitTrue(15, () -> {
                try {
                    mine.fill("Search", word);
                    mine.click("Filter");
                    seen[0] = mine.text();
                    return seen[0].contains("自分の下書き");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(seen[0].contains("他人の下書き"), "an author finds another's draft: " + seen[0]);
            Stack.awaitTrue(15, () -> {
                try {
                    editor.fill("Search", word);
                    editor.click("Filter");
                    seen[0] = editor.text();
                    return seen[0].contains("自分の下書き") && seen[0].contains("他人の下書き");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The list's filters narrow a search too: no published post says the word, both drafts do.
            String q = java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8);
            editor.open(stack.url("post-service", "/studio/posts?q=" + q + "&status=published"));
            assertFalse(editor.text().contains("下書き " + word), editor.text());
            editor.open(stack.url("post-service", "/studio/posts?q=" + q + "&status=draft"));
            assertTrue(editor.text().contains("自分の下書き " + word) && editor.text().contains("他人の下書き " + word), editor.text());
        }
        HttpResponse<String> anonymous = stack.send(stack.request("search-service", "/api/search?q="
                + java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(0, JSON.readTree(anonymous.body()).get("total").asInt(), anonymous.body());
    }

    @Test
    void aPostWrittenInTheStudioIsServedAndFoundAndTwoEditorsNeverOverwriteEachOther() throws Exception {
        String word = "胡桃" + UUID.randomUUID().toString().substring(0, 4);
        try (Browser first = signedIn("First editor", "editor"); Browser second = signedIn("Second editor", "editor")) {
            String id = draftThroughTheEditor(first, "公開する記事 " + word, "本文に" + word + "があります。");
            first.click("Publish");
            assertTrue(first.text().contains("Published"), first.text());
            Stack.awaitTrue(15, () -> status("render-service", "/api/rendered/" + id + "/html") == 200);
            Stack.awaitTrue(15, () -> {
                try {
                    return stack.send(stack.request("search-service", "/api/search?q="
                            + java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8))).body().contains(id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // Both open version 2; the first saves, the second is told and overwrites nothing.
            second.open(stack.url("post-service", "/studio/editor/" + id));
            first.fill("Markdown", "最初の編集者の本文。");
            first.click("Save draft");
            second.fill("Markdown", "二人目の編集者の本文。");
            second.click("Save draft");
            String refused = second.text();
            assertTrue(refused.contains("Someone else saved this post meanwhile")
                    && refused.contains("See what changed since your version"), refused);
            assertEquals("二人目の編集者の本文。", second.value("Markdown"), "the writer's text stays on the page");
            JsonNode stored = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts/" + id)).body());
            assertEquals("最初の編集者の本文。", stored.get("markdown").asText());
        }
    }

    /**
     * Scheduled in the browser for the first whole minute at least 20 s away (a {@code datetime-local}
     * field holds minutes), in the zone the page names; render-service serves it from that time on,
     * not before, and the studio lists it as published.
     */
    @Test
    void aPostScheduledInTheStudioPublishesItselfAtItsTime() throws Exception {
        String title = "予約した記事 " + UUID.randomUUID().toString().substring(0, 6);
        try (Browser browser = signedIn("Scheduling author")) {
            String id = draftThroughTheEditor(browser, title, "時間が来たら公開される本文。");
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("Time zone: (\\S+)").matcher(browser.text());
            assertTrue(named.find(), browser.text());
            java.time.ZoneId zone = java.time.ZoneId.of(named.group(1));
            java.time.LocalDateTime at = java.time.LocalDateTime.now(zone).plusSeconds(20)
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusMinutes(1);
            browser.script("document.getElementById('publishAt').value = '" + at + "'; return ''");
            browser.click("Schedule");
            assertTrue(browser.text().contains("Scheduled"), browser.text());
            assertEquals(404, status("render-service", "/api/rendered/" + id + "/html"), "not served before its time");

            Stack.awaitTrue(100, () -> status("render-service", "/api/rendered/" + id + "/html") == 200);
            java.time.Instant due = at.atZone(zone).toInstant();
            assertFalse(java.time.Instant.now().isBefore(due), "served before " + due);
            browser.open(stack.url("post-service", "/studio/posts?status=published"));
            assertTrue(browser.text().contains(title), browser.text());
        }
    }

    @Test
    void anAdminMakesAndRevokesAKeyAndAContributorIsNeverOfferedPublishing() throws Exception {
        String name = "Frontend " + UUID.randomUUID().toString().substring(0, 6);
        try (Browser admin = signedIn("Key admin", "admin")) {
            admin.follow("API keys");
            admin.fill("Name", name);
            admin.click("Create key");
            String key = admin.value("Key");
            assertTrue(key.matches("[0-9a-f]{26}"), key);
            Stack.awaitTrue(5, () -> status("search-service", "/api/search?q=x&key=" + key) == 200);
            admin.confirmEverything();
            admin.click("Revoke");
            assertTrue(admin.text().contains("The key is revoked"), admin.text());
            assertFalse(stack.send(stack.admin("post-service", "/api/keys")).body().contains(name));
        }
        try (Browser contributor = signedIn("Contributing writer", "contributor")) {
            contributor.open(stack.url("post-service", "/studio/editor"));
            String buttons = contributor.script("return Array.from(document.querySelectorAll('button')).map(function (b) {"
                    + " return b.textContent; }).join('|')");
            assertTrue(buttons.contains("Save draft") && !buttons.contains("Publish") && !buttons.contains("Schedule"), buttons);
        }
    }

    private static int status(String service, String path) {
        try {
            return stack.send(stack.request(service, path)).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The README's pictures of the studio: taken on every run (into target/screenshots), and into
     * the checked-in folder when {@code -Dstudio.screenshots=<folder>} says so
     * (post-service/screenshots/refresh).
     */
    @Test
    void screenshotsOfTheStudio() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("studio.screenshots", "target/screenshots"));
        try (Browser browser = signedIn("Studio editor", "editor")) {
            String repeated = "半導体の輸出規制が強まり、各社は調達先の見直しを急いでいる。";
            String id = draftThroughTheEditor(browser, "半導体の輸出規制と調達",
                    "# 半導体の輸出規制\n\n" + repeated + "\n\n## 各社の対応\n\n" + repeated + "\n\n- 調達先の分散\n- 在庫の積み増し");
            awaitPreview(browser, "各社の対応");
            awaitRegion(browser, "Checks", "Repeated paragraph");
            browser.script("document.querySelector('.split').scrollIntoView(); window.scrollBy(0, -40); return ''");
            browser.screenshot(dir.resolve("editor.png"));
            browser.fill("Markdown", "# 半導体の輸出規制\n\n" + repeated + "\n\n## 各社の対応\n\n調達先を分散し、在庫を積み増す。");
            browser.click("Save draft");
            browser.open(stack.url("post-service", "/studio/editor/" + id + "/revisions/diff?from=1&to=2"));
            browser.screenshot(dir.resolve("revisions.png"));
            browser.open(stack.url("post-service", "/studio/posts"));
            browser.screenshot(dir.resolve("posts.png"));
        }
        for (String name : java.util.List.of("editor.png", "revisions.png", "posts.png")) {
            byte[] png = java.nio.file.Files.readAllBytes(dir.resolve(name));
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name + ": " + png.length + " bytes");
        }
    }

    private static String leavingIsGuarded(Browser browser) throws Exception {
        return browser.script("var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
                + " return String(e.defaultPrevented)");
    }

    /** A new post saved from the editor; its id. */
    private static String draftThroughTheEditor(Browser browser, String title, String markdown) throws Exception {
        browser.open(stack.url("post-service", "/studio/editor"));
        browser.fill("Title", title);
        browser.fill("Markdown", markdown);
        browser.click("Save draft");
        assertTrue(browser.text().contains("Saved."), browser.text());
        String url = browser.url();
        return url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
    }

    private static String awaitPreview(Browser browser, String expected) throws Exception {
        String[] seen = new String[1];
        try {
            Stack.awaitTrue(5, () -> {
                try {
                    seen[0] = browser.script("return document.querySelector('#live iframe') ? 'framed' : ''").isEmpty() ? ""
                            : browser.frameText("Preview");
                    return seen[0].contains(expected);
                } catch (Exception replacedMeanwhile) {
                    return false; // the regions were swapped for a newer preview while being read
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError("Preview never showed " + expected + ": " + seen[0], e);
        }
        return seen[0];
    }

    private static String awaitRegion(Browser browser, String label, String expected) throws Exception {
        String[] seen = new String[1];
        try {
            Stack.awaitTrue(5, () -> {
                try {
                    seen[0] = browser.region(label);
                    return seen[0].contains(expected);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(label + " never showed " + expected + ": " + seen[0], e);
        }
        return seen[0];
    }

    /** A browser signed in to the studio as a new author. */
    private static Browser signedIn(String name) throws Exception {
        return signedIn(name, "author");
    }

    /** A browser signed in to the studio as a new user with {@code role}. */
    private static Browser signedIn(String name, String role) throws Exception {
        String email = "studio-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> made = stack.send(stack.admin("post-service", "/api/users").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "name", name, "role", role,
                        "password", PASSWORD)))));
        assertEquals(201, made.statusCode(), made.body());
        Browser browser = new Browser("en-US");
        try {
            browser.open(stack.url("post-service", "/studio/sign-in"));
            browser.fill("Email", email);
            browser.fill("Password", PASSWORD);
            browser.click("Sign in");
            assertTrue(browser.url().endsWith("/studio/posts"), browser.url());
            return browser;
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
    }
}
