package io.cms.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real browser for the tests: Debian's headless Chromium, driven through ChromeDriver's W3C
 * WebDriver protocol (plain HTTP, so no client library). Elements are found the way a person finds
 * them: a field by its label, a button by its text. Needs {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, which {@code .ci/run} installs; without them it fails loudly.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param language the browser's language (its Accept-Language), e.g. "en-US" or "ja" */
    public Browser(String language) throws IOException, InterruptedException {
        this(language, "UTC");
    }

    /** @param timeZone the browser's time zone (IANA), as a person's computer has it */
    public Browser(String language, String timeZone) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): .ci/run installs them; by hand: apt-get install -y chromium chromium-driver");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TZ", timeZone);
        driver = pb.start();
        base = "http://127.0.0.1:" + port;
        profile = Files.createTempDirectory("browser-profile");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException notYet) {
                // the driver is starting
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("chromedriver did not start within 15 s");
            }
            Thread.sleep(100);
        }
        List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=" + language, "--user-data-dir=" + profile);
        Map<String, Object> options = Map.of("binary", CHROMIUM.toString(), "args", args,
                "prefs", Map.of("intl.accept_languages", language));
        JsonNode created = call("POST", "/session", Map.of("capabilities",
                Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
        session = created.path("value").path("sessionId").asText();
        if (session.isEmpty()) {
            close();
            throw new IllegalStateException("chromedriver made no session: " + created);
        }
    }

    public void open(String url) throws IOException, InterruptedException {
        command("POST", "/url", Map.of("url", url));
    }

    /**
     * The address once it ends with {@code suffix} (a click's navigation may still be under way when
     * the click returns), or whatever it is after 5 s.
     */
    public String urlEndingWith(String suffix) throws IOException, InterruptedException {
        String now = url();
        for (int i = 0; i < 50 && !now.endsWith(suffix); i++) {
            Thread.sleep(100);
            now = url();
        }
        return now;
    }

    public String url() throws IOException, InterruptedException {
        return command("GET", "/url", null).asText();
    }

    /** Types into the field whose label reads {@code label}. */
    public void fill(String label, String text) throws IOException, InterruptedException {
        String id = attribute(find("//label[normalize-space()='" + label + "']"), "for");
        String field = find("//*[@id='" + id + "']");
        command("POST", "/element/" + field + "/clear", Map.of());
        command("POST", "/element/" + field + "/value", Map.of("text", text));
    }

    /** The Tab key, for {@link #press}. */
    public static final String TAB = "\uE004";
    /** The Enter key, for {@link #press}. */
    public static final String ENTER = "\uE007";

    /**
     * Types {@code keys} (text, {@link #TAB}, {@link #ENTER}) into whatever has the focus, as a
     * keyboard would, and waits for a navigation it starts.
     */
    public void press(String keys) throws IOException, InterruptedException {
        String active = command("GET", "/element/active", null).path(ELEMENT).asText();
        markPage();
        command("POST", "/element/" + active + "/value", Map.of("text", keys));
        settle();
    }

    /** Chooses files in the file field whose label reads {@code label}. */
    public void upload(String label, java.nio.file.Path... files) throws IOException, InterruptedException {
        String id = attribute(find("//label[normalize-space()='" + label + "']"), "for");
        String field = find("//*[@id='" + id + "']");
        String paths = java.util.Arrays.stream(files).map(f -> f.toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining("\n"));
        command("POST", "/element/" + field + "/value", Map.of("text", paths));
    }

    /** Clicks the button that reads {@code text}. */
    public void click(String text) throws IOException, InterruptedException {
        String button = find("//button[normalize-space()='" + text + "']");
        markPage();
        command("POST", "/element/" + button + "/click", Map.of());
        settle();
    }

    /** Follows the link that reads {@code text}. */
    public void follow(String text) throws IOException, InterruptedException {
        String link = find("//a[normalize-space()='" + text + "']");
        markPage();
        command("POST", "/element/" + link + "/click", Map.of());
        settle();
    }

    private void markPage() throws IOException, InterruptedException {
        script("window.__leaving = false; window.addEventListener('beforeunload', function () { window.__leaving = true; });"
                + " document.__old = true; return ''");
    }

    /**
     * Returns once a navigation the click started has loaded its page (ChromeDriver does not always
     * wait for a form's), or at once when the click started none within 200 ms (a script's button).
     */
    private void settle() throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            String state;
            try {
                state = script("return document.__old ? (window.__leaving ? 'leaving' : 'same') : document.readyState");
            } catch (IllegalStateException navigating) {
                state = "navigating";
            }
            if ("complete".equals(state) || ("same".equals(state) && i >= 2)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** What the field labelled {@code label} holds now. */
    public String value(String label) throws IOException, InterruptedException {
        String id = attribute(find("//label[normalize-space()='" + label + "']"), "for");
        return command("GET", "/element/" + find("//*[@id='" + id + "']") + "/property/value", null).asText();
    }

    /** The text of the region (a section) whose heading or label reads {@code label}, as a person sees it. */
    public String region(String label) throws IOException, InterruptedException {
        String element = find("//*[@aria-label='" + label + "' or @aria-labelledby=//*[normalize-space()='" + label + "']/@id]");
        return command("GET", "/element/" + element + "/text", null).asText();
    }

    /** The text of the frame titled {@code title} (a sandboxed one too: the driver enters it as a person's eyes do). */
    public String frameText(String title) throws IOException, InterruptedException {
        return inFrame(title, "return document.body ? document.body.innerText : ''");
    }

    /** A script run inside the frame titled {@code title}; back in the page afterwards. */
    public String inFrame(String title, String js) throws IOException, InterruptedException {
        String frame = find("//iframe[@title='" + title + "']");
        command("POST", "/frame", Map.of("id", Map.of(ELEMENT, frame)));
        try {
            return script(js);
        } finally {
            command("POST", "/frame/parent", Map.of());
        }
    }

    /**
     * The accessibility problems axe-core finds on the page that are serious or critical, one line
     * each (rule, impact, where); empty when there are none. axe-core comes from Maven Central (in
     * Deque's Selenium integration jar) and is run in the page by the driver, which the page's
     * Content-Security-Policy does not restrict.
     */
    public java.util.List<String> accessibilityProblems() throws IOException, InterruptedException {
        String axe;
        try (var in = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the classpath (com.deque.html.axe-core:selenium)");
            }
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        command("POST", "/execute/sync", Map.of("script", axe + "; return ''", "args", List.of()));
        JsonNode found = command("POST", "/execute/async", Map.of("script", "var done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations.filter("
                + "function (v) { return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {"
                + " return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }))); })"
                + ".catch(function (e) { done(JSON.stringify(['axe failed: ' + e])); });", "args", List.of()));
        java.util.List<String> out = new java.util.ArrayList<>();
        JSON.readTree(found.asText()).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The window as it looks now, as a PNG file at {@code file}. */
    public void screenshot(Path file) throws IOException, InterruptedException {
        byte[] png = java.util.Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
    }

    /** Answers yes to the page's next questions ({@code confirm()}), as a person clicking OK would. */
    public void confirmEverything() throws IOException, InterruptedException {
        script("window.confirm = function () { return true; }; return ''");
    }

    /** The page's text as a person sees it. */
    public String text() throws IOException, InterruptedException {
        return script("return document.body.innerText");
    }

    public String script(String js) throws IOException, InterruptedException {
        return command("POST", "/execute/sync", Map.of("script", js, "args", List.of())).asText();
    }

    private String find(String xpath) throws IOException, InterruptedException {
        JsonNode found = command("POST", "/element", Map.of("using", "xpath", "value", xpath));
        String id = found.path(ELEMENT).asText();
        if (id.isEmpty()) {
            throw new IllegalStateException("No element " + xpath + " on " + url() + ": " + found);
        }
        return id;
    }

    private String attribute(String element, String name) throws IOException, InterruptedException {
        return command("GET", "/element/" + element + "/attribute/" + name, null).asText();
    }

    private JsonNode command(String method, String path, Object body) throws IOException, InterruptedException {
        JsonNode answer = call(method, "/session/" + session + path, body);
        if (answer.path("value").has("error")) {
            throw new IllegalStateException(method + " " + path + ": " + answer.path("value"));
        }
        return answer.path("value");
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return JSON.readTree(http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the driver goes next anyway
        }
        driver.destroy();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary folder left behind
        }
    }
}
