package io.cms.render.markdown;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list every rendered page passes through (OWASP java-html-sanitizer): the elements
 * Markdown and blog authors use, no scripts, no event handlers, no style attributes, links and images
 * only to http(s), mailto or relative URLs, iframes only from configured hosts over https.
 */
public final class HtmlSanitizer {

    private static final Pattern CLASS_NAMES = Pattern.compile("[A-Za-z0-9_\\- +#.]{1,200}");
    private static final Pattern SIZE = Pattern.compile("\\d{1,4}%?");

    private final PolicyFactory policy;

    public HtmlSanitizer(Set<String> iframeHosts) {
        Set<String> hosts = iframeHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        policy = new HtmlPolicyBuilder()
                .allowCommonBlockElements()
                .allowCommonInlineFormattingElements()
                .allowElements("a", "img", "pre", "code", "hr", "br", "table", "thead", "tbody", "tfoot", "tr", "th",
                        "td", "caption", "colgroup", "col", "details", "summary", "kbd", "samp", "var", "mark", "abbr",
                        "dl", "dt", "dd", "figure", "figcaption", "section", "cite", "q", "time", "input", "iframe",
                        "del", "ins", "s", "sup", "sub", "small", "span", "div", "blockquote", "ruby", "rt", "rp")
                .allowStandardUrlProtocols()
                .allowAttributes("href").onElements("a")
                .allowAttributes("src", "alt").onElements("img")
                .allowAttributes("width", "height").matching(SIZE).onElements("img", "iframe", "col", "td", "th")
                .allowAttributes("id", "title", "lang", "dir").globally()
                .allowAttributes("class").matching(CLASS_NAMES).globally()
                .allowAttributes("align").matching(true, "left", "right", "center", "justify").onElements("th", "td", "p", "div", "img")
                .allowAttributes("colspan", "rowspan").matching(Pattern.compile("\\d{1,3}")).onElements("td", "th")
                .allowAttributes("start").matching(Pattern.compile("\\d{1,9}")).onElements("ol")
                .allowAttributes("open").onElements("details")
                .allowAttributes("datetime").onElements("time")
                .allowAttributes("type").matching(true, "checkbox").onElements("input")
                .allowAttributes("checked", "disabled").onElements("input")
                .allowAttributes("src").matching((element, attribute, value) -> allowedFrame(value, hosts) ? value : null)
                .onElements("iframe")
                .allowAttributes("allowfullscreen", "frameborder", "loading").onElements("iframe")
                .disallowWithoutAttributes("iframe")
                .toFactory();
    }

    public String sanitize(String html) {
        return policy.sanitize(html);
    }

    private static boolean allowedFrame(String src, Set<String> hosts) {
        try {
            URI uri = URI.create(src.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && hosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
