package io.cms.render.rest;

import java.time.format.DateTimeFormatter;

import com.vladsch.flexmark.util.sequence.Escaping;
import io.cms.render.service.LinkedPreviews;

/** The page a preview link shows: the rendered post, a line that says it is a preview, and noindex. */
final class PreviewPage {

    private PreviewPage() {
    }

    static String of(LinkedPreviews.Preview p) {
        String title = escape(p.title());
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"" + LinkedPreviewResource.NOINDEX + "\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>Preview: " + title + "</title>"
                + "<style>body{max-width:46rem;margin:0 auto;padding:1rem;font-family:system-ui,sans-serif;line-height:1.7}"
                + ".cms-preview-note{background:#fff4d6;border:1px solid #e6c36a;padding:.5rem .75rem;font-size:.9rem}"
                + "img{max-width:100%;height:auto}pre{overflow:auto}</style></head>\n<body>"
                + "<p class=\"cms-preview-note\" role=\"note\">Preview of a " + escape(p.status()) + " post, version "
                + p.version() + ". This link stops working at <time datetime=\"" + p.expiresAt() + "\">"
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(p.expiresAt()) + "</time>.</p>\n"
                + "<article><h1>" + title + "</h1>\n" + p.render().html() + "\n</article></body></html>\n";
    }

    private static String escape(String text) {
        return text == null ? "" : Escaping.escapeHtml(text, false);
    }
}
