package io.cms.render.feeds;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import io.cms.render.InfraResource;
import io.cms.testkit.ContractEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Feeds and the sitemap over posts that arrive through the real broker: Atom validated against RFC
 * 4287's RELAX NG schema (jing), RSS 2.0 and JSON Feed read field by field, the sitemap and its index
 * against sitemaps.org's schemas; Unicode slugs percent-encoded everywhere.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class FeedsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TAG = "feeds-" + RUN;
    private static final UUID JAPANESE = UUID.randomUUID();
    private static final UUID CHINESE = UUID.randomUUID();
    private static final String JA_SLUG = "半導体の輸出-" + RUN;
    private static final String ZH_SLUG = "人工智能-" + RUN;
    private static boolean published;

    @BeforeEach
    void publish() throws Exception {
        if (published) {
            return;
        }
        published = true;
        try (ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", JAPANESE, JA_SLUG, 1, Map.of("title", "半導体 & 輸出", "markdown",
                    "# 見出し\n\n本文に[内部リンク](/about/)と![図](/img/a.png)があります。", "tags", List.of(TAG, "日本語"),
                    "author", "Feed Writer " + RUN, "publishedAt", "2030-01-02T03:04:05Z", "updatedAt", "2030-01-02T03:04:05Z",
                    "excerpt", "要約", "frontMatter", Map.of()));
            events.sendPost("cms.post.published", CHINESE, ZH_SLUG, 1, Map.of("title", "人工智能", "markdown", "正文。",
                    "tags", List.of(TAG), "author", "Feed Writer " + RUN, "publishedAt", "2030-01-01T00:00:00Z",
                    "updatedAt", "2030-01-01T00:00:00Z", "frontMatter", Map.of()));
        }
        // More posts than a sitemap file of the tests holds (7), so the sitemap is an index whatever else this module stored.
        try (ContractEvents events = new ContractEvents()) {
            for (int i = 0; i < 8; i++) {
                events.sendPost("cms.post.published", UUID.randomUUID(), "sitemap-" + RUN + "-" + i, 1, Map.of("status", "published",
                        "tags", List.of("sitemap-" + RUN), "publishedAt", "2020-01-01T00:00:0" + i + "Z", "frontMatter", Map.of()));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/tag/sitemap-" + RUN + "/feed.json").statusCode() == 200
                && JSON.readTree(given().get("/tag/sitemap-" + RUN + "/feed.json").asString()).path("items").size() == 8);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/tag/" + TAG + "/feed.json").statusCode() == 200
                && JSON.readTree(given().get("/tag/" + TAG + "/feed.json").asString()).path("items").size() == 2);
    }

    @Test
    void atomIsValidAgainstRfc4287AndCarriesAbsoluteHtml() throws Exception {
        Response atom = given().get("/tag/" + TAG + "/feed.xml");
        atom.then().statusCode(200).contentType(containsString("application/atom+xml"))
                .header("Last-Modified", "Wed, 02 Jan 2030 03:04:05 GMT").header("Cache-Control", containsString("public"));
        String xml = atom.asString();
        assertEquals(List.of(), atomProblems(xml));
        assertTrue(!atomProblems(xml.replaceFirst("<id>[^<]*</id>", "")).isEmpty(), "the schema sees a feed without an id");
        Document doc = parse(xml);
        NodeList entries = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertEquals(2, entries.getLength());
        Element first = (Element) entries.item(0);
        assertEquals("半導体 & 輸出", text(first, "title"));
        assertEquals("urn:uuid:" + JAPANESE, text(first, "id"));
        String content = text(first, "content");
        assertTrue(content.contains("href=\"http://localhost:8082/about/\"") && content.contains("src=\"http://localhost:8082/img/a.png\""),
                "links made absolute: " + content);
        String link = ((Element) first.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").item(0)).getAttribute("href");
        assertEquals("http://localhost:8082/" + encoded(JA_SLUG) + "/", link);
        assertEquals(JA_SLUG, URLDecoder.decode(URI.create(link).getRawPath().replaceAll("^/|/$", ""), StandardCharsets.UTF_8));
        // RFC 4287's Schematron rules, which RELAX NG does not read: an author for every entry, and an
        // alternate link or content in each.
        assertTrue(doc.getDocumentElement().getElementsByTagNameNS("http://www.w3.org/2005/Atom", "author").getLength() > 0);

        given().header("If-Modified-Since", "Wed, 02 Jan 2030 03:04:05 GMT").get("/tag/" + TAG + "/feed.xml").then().statusCode(304);
        given().header("If-Modified-Since", "Tue, 01 Jan 2030 00:00:00 GMT").get("/tag/" + TAG + "/feed.xml").then().statusCode(200);
        String etag = atom.header("ETag");
        given().header("If-None-Match", etag).get("/tag/" + TAG + "/feed.xml").then().statusCode(304);
        assertEquals(List.of(), atomProblems(given().get("/feed.xml").asString()), "the site's feed too");
        assertEquals(List.of(), atomProblems(given().get("/author/feed-writer-" + RUN + "/feed.xml").asString()));
    }

    @Test
    void rssAndJsonFeedHoldTheSamePosts() throws Exception {
        Document rss = parse(given().get("/tag/" + TAG + "/rss.xml").then().statusCode(200)
                .contentType(containsString("application/rss+xml")).extract().asString());
        Element channel = (Element) rss.getElementsByTagName("channel").item(0);
        assertEquals("2.0", rss.getDocumentElement().getAttribute("version"));
        for (String required : List.of("title", "link", "description")) {
            assertTrue(channel.getElementsByTagName(required).getLength() > 0, "RSS 2.0 asks a channel for " + required);
        }
        NodeList items = rss.getElementsByTagName("item");
        assertEquals(2, items.getLength());
        assertEquals("http://localhost:8082/" + encoded(JA_SLUG) + "/", text((Element) items.item(0), "link"));
        assertTrue(text((Element) items.item(0), "pubDate").startsWith("Wed, 02 Jan 2030 03:04:05"), text((Element) items.item(0), "pubDate"));

        JsonNode json = JSON.readTree(given().get("/tag/" + TAG + "/feed.json").then().statusCode(200)
                .contentType(containsString("application/feed+json")).extract().asString());
        assertEquals("https://jsonfeed.org/version/1.1", json.path("version").asText());
        assertEquals("http://localhost:8082/tag/" + TAG + "/", json.path("home_page_url").asText());
        assertEquals("http://localhost:8082/tag/" + TAG + "/feed.json", json.path("feed_url").asText());
        assertEquals(JAPANESE.toString(), json.path("items").get(0).path("id").asText());
        assertEquals("2030-01-02T03:04:05Z", json.path("items").get(0).path("date_published").asText());
        assertEquals("Feed Writer " + RUN, json.path("items").get(0).path("authors").get(0).path("name").asText());
        assertTrue(json.path("items").get(0).path("content_html").asText().contains("<h1"));

        given().get("/tag/nothing-" + RUN + "/feed.xml").then().statusCode(404);
        given().get("/author/nothing-" + RUN + "/rss.xml").then().statusCode(404);
        given().get("/tag/" + TAG + "/feed.txt").then().statusCode(404);
    }

    @Test
    void theSitemapListsEveryPublishedPostOnceInValidParts() throws Exception {
        String root = given().get("/sitemap.xml").then().statusCode(200).contentType(containsString("application/xml")).extract().asString();
        // The tests' sitemap holds 7 addresses a file, so this module's posts make an index.
        assertTrue(root.contains("<sitemapindex"), root);
        assertEquals(List.of(), xsdProblems("siteindex.xsd", root));
        List<String> locs = new ArrayList<>();
        for (String part : tags(root, "loc")) {
            String body = given().get(URI.create(part).getRawPath()).then().statusCode(200).extract().asString();
            assertEquals(List.of(), xsdProblems("sitemap.xsd", body));
            List<String> partLocs = tags(body, "loc");
            assertTrue(partLocs.size() <= 7, part + " holds " + partLocs.size());
            locs.addAll(partLocs);
        }
        Set<String> unique = new HashSet<>(locs);
        assertEquals(locs.size(), unique.size(), "each address once");
        assertTrue(unique.contains("http://localhost:8082/"));
        assertTrue(unique.contains("http://localhost:8082/" + encoded(JA_SLUG) + "/"), locs.toString());
        assertTrue(unique.contains("http://localhost:8082/" + encoded(ZH_SLUG) + "/"));
        for (String loc : locs) {
            assertTrue(loc.chars().allMatch(ch -> ch < 128), "percent-encoded: " + loc);
        }
        given().get("/sitemap/" + (tags(root, "loc").size() + 1) + ".xml").then().statusCode(404);
        given().get("/robots.txt").then().statusCode(200).body(containsString("Sitemap: http://localhost:8082/sitemap.xml"))
                .body(containsString("Disallow: /api/"));
    }

    private static String encoded(String slug) {
        return java.net.URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> atomProblems(String xml) throws Exception {
        List<String> problems = new ArrayList<>();
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
            public void warning(SAXParseException e) {
            }

            public void error(SAXParseException e) {
                problems.add(e.getLineNumber() + ": " + e.getMessage());
            }

            public void fatalError(SAXParseException e) {
                problems.add(e.getLineNumber() + ": " + e.getMessage());
            }
        });
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        driver.loadSchema(new InputSource(FeedsIT.class.getResource("/schemas/atom.rnc").toString()));
        driver.validate(new InputSource(new StringReader(xml)));
        return problems;
    }

    private static List<String> xsdProblems(String schema, String xml) {
        List<String> problems = new ArrayList<>();
        try {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(FeedsIT.class.getResource("/schemas/" + schema))
                    .newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static List<String> tags(String xml, String name) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }
}
