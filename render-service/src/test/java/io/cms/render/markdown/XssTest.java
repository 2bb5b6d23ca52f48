package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Hostile Markdown and HTML: nothing that runs script, loads script or restyles the page survives. */
class XssTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![x](javascript:alert(1))",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"position:fixed;top:0\">overlay</p>",
        "<style>body{display:none}</style>",
        "<link rel=stylesheet href=//evil.example/x.css>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<details open ontoggle=alert(1)>x</details>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<base href=\"javascript:/\">",
        "<a href=x onmouseover=alert(1)>x</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=`x`onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "`<script>` is fine in code, <script>alert(1)</script> is not",
        "<a href=\"https://ok.example\" target=\"_blank\" formaction=\"javascript:alert(1)\">x</a>",
    })
    void hostileInputIsNeutralised(String input) {
        String html = MarkdownRendererTest.RENDERER.render(input, null).html().toLowerCase(Locale.ROOT);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.matches("(?s).*<[^>]*\\son\\w+\\s*=.*"), html);
        assertFalse(html.contains("javascript:"), html);
        assertFalse(html.contains("vbscript:"), html);
        assertFalse(html.contains("data:text"), html);
        assertFalse(html.contains("style="), html);
        assertFalse(html.contains("<style"), html);
        assertFalse(html.contains("<iframe"), html);
        assertFalse(html.contains("<object") || html.contains("<embed") || html.contains("<form")
                || html.contains("<base") || html.contains("<meta") || html.contains("<link"), html);
    }

    @Test
    void safeRawHtmlSurvives() {
        String html = MarkdownRendererTest.RENDERER.render(
                "<details><summary>More</summary>Hidden <kbd>Ctrl</kbd></details>\n\n"
                        + "<table><tr><td colspan=\"2\">cell</td></tr></table>\n\n"
                        + "<img src=\"/img/a.png\" alt=\"a\" width=\"100\">\n\n"
                        + "<iframe src=\"https://www.youtube.com/embed/abc\" width=\"560\" height=\"315\" allowfullscreen></iframe>\n",
                null).html();
        assertTrue(html.contains("<details><summary>More</summary>"), html);
        assertTrue(html.contains("<kbd>Ctrl</kbd>"), html);
        assertTrue(html.contains("colspan=\"2\""), html);
        assertTrue(html.contains("<img src=\"/img/a.png\" alt=\"a\" width=\"100\" />"), html);
        assertTrue(html.contains("<iframe src=\"https://www.youtube.com/embed/abc\""), html);
    }
}
