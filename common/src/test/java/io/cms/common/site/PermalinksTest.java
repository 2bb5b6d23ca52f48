package io.cms.common.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Permalink patterns with Jekyll's placeholders, in the site's time zone, percent-encoded. */
class PermalinksTest {

    private static final OffsetDateTime LATE_ON_NEW_YEARS_EVE = OffsetDateTime.parse("2024-12-31T20:30:00Z");

    @Test
    void theDefaultIsTheSlug() {
        assertEquals("https://blog.example.com/%E5%8D%8A%E5%B0%8E%E4%BD%93/",
                new Permalinks("https://blog.example.com/", "/:slug/", ZoneId.of("UTC")).post("半導体", LATE_ON_NEW_YEARS_EVE, List.of()));
    }

    @Test
    void datesAreTheSitesAndCategoriesAreSlugifiedSegments() {
        Permalinks jekyll = new Permalinks("https://blog.example.com", "/:categories/:year/:month/:day/:title/", ZoneId.of("Asia/Tokyo"));
        assertEquals("https://blog.example.com/%E6%A5%AD%E7%95%8C/ai-news/2025/01/01/post/",
                jekyll.post("post", LATE_ON_NEW_YEARS_EVE, List.of("業界", "AI News")), "2025-01-01 in Tokyo");
        assertEquals("https://blog.example.com/2025/01/01/post/", jekyll.post("post", LATE_ON_NEW_YEARS_EVE, List.of()),
                "no categories: no empty segment");
        assertEquals("https://blog.example.com/tag/%E6%97%A5%E6%9C%AC%E8%AA%9E/", jekyll.group("tag", "日本語"));
    }

    @Test
    void aPatternThatCannotGiveEachPostItsOwnAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Permalinks("https://x.example", "/:year/", ZoneId.of("UTC")));
        assertThrows(IllegalArgumentException.class, () -> new Permalinks("https://x.example", "/:slug/:colour/", ZoneId.of("UTC")));
        assertThrows(IllegalArgumentException.class, () -> new Permalinks("https://x.example", ":slug", ZoneId.of("UTC")));
    }
}
