package io.cms.render.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Liquid left in imported Jekyll posts into plain Markdown before it is parsed:
 * {@code {% raw %}} keeps its content literally, {@code {% highlight lang %}} becomes a fenced code
 * block, {@code {{ site.x }}} is replaced from configuration, {@code {% post_url %}} and
 * {@code {% link _posts/… %}} become links to our posts. Anything else is removed with a warning,
 * so template syntax never leaks into a page.
 */
public final class Liquid {

    /** The Markdown without Liquid, and what could not be resolved. */
    public record Result(String markdown, List<ContentWarning> warnings) {
    }

    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}(.*?)\\{%-?\\s*endraw\\s*-?%}", Pattern.DOTALL);
    private static final Pattern HIGHLIGHT = Pattern.compile(
            "\\{%-?\\s*highlight\\s+([\\w+#.-]+)[^%]*-?%}[ \\t]*\\n?(.*?)\\{%-?\\s*endhighlight\\s*-?%}", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("\\{%-?\\s*(\\w+)\\s*(.*?)\\s*-?%}", Pattern.DOTALL);
    private static final Pattern OUTPUT = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL);
    private static final Pattern DATED_NAME = Pattern.compile("^(?:.*/)?(?:\\d{4}-\\d{2}-\\d{2}-)?([^/]+?)(?:\\.\\w+)?$");

    /**
     * Warnings kept per post, with their line: a post with Liquid on every line would otherwise
     * store a warning per fragment, and finding each one's line is a scan of the text.
     */
    static final int MAX_WARNINGS = 100;

    private final Map<String, String> site;
    private final String postPath;

    /**
     * @param site values of {@code site.*} variables (e.g. {@code baseurl}, {@code url})
     * @param postPath the path of a post, with {@code {slug}} where its slug goes
     */
    public Liquid(Map<String, String> site, String postPath) {
        this.site = Map.copyOf(site);
        this.postPath = postPath;
    }

    public Result process(String markdown) {
        if (markdown.indexOf('{') < 0) {
            return new Result(markdown, List.of());
        }
        List<ContentWarning> warnings = new ArrayList<>();
        StringBuilder out = new StringBuilder(markdown.length());
        Matcher raw = RAW.matcher(markdown);
        raw.region(0, searchEnd(markdown, "endraw", "%}"));
        int last = 0;
        while (raw.find()) {
            out.append(outsideRaw(markdown.substring(last, raw.start()), markdown, last, warnings));
            out.append(raw.group(1));
            last = raw.end();
        }
        out.append(outsideRaw(markdown.substring(last), markdown, last, warnings));
        if (warnings.size() > MAX_WARNINGS) {
            int more = warnings.size() - MAX_WARNINGS;
            warnings = new ArrayList<>(warnings.subList(0, MAX_WARNINGS));
            warnings.add(new ContentWarning("liquid-more", more + " more Liquid fragments were removed as well", null));
        }
        return new Result(out.toString(), warnings);
    }

    private String outsideRaw(String text, String whole, int offset, List<ContentWarning> warnings) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        String s = replace(HIGHLIGHT, "endhighlight", "%}", text, m -> fence(m.group(1), m.group(2)));
        s = replace(TAG, "%}", "", s, m -> tag(m.group(1), m.group(2), whole, offset, warnings));
        return replace(OUTPUT, "}}", "", s, m -> output(m.group(1), whole, offset, warnings));
    }

    private String tag(String name, String args, String whole, int offset, List<ContentWarning> warnings) {
        switch (name) {
            case "post_url":
                return postLink(args.strip());
            case "link":
                String target = args.strip();
                if (target.startsWith("_posts/")) {
                    return postLink(target);
                }
                return site.getOrDefault("baseurl", "") + "/" + target.replaceFirst("\\.(md|markdown)$", ".html");
            default:
                warnings.add(ContentWarning.atLine("liquid-unsupported",
                        "Liquid tag {% " + name + " %} is not supported here and was removed", lineOf(whole, args, offset, warnings)));
                return "";
        }
    }

    private String output(String expression, String whole, int offset, List<ContentWarning> warnings) {
        String variable = expression.split("\\|", 2)[0].strip();
        if (variable.startsWith("site.")) {
            String value = site.get(variable.substring("site.".length()));
            if (value != null) {
                return value;
            }
        }
        warnings.add(ContentWarning.atLine("liquid-unresolved",
                "Liquid output {{ " + variable + " }} has no value here and was removed", lineOf(whole, expression, offset, warnings)));
        return "";
    }

    private String postLink(String name) {
        Matcher m = DATED_NAME.matcher(name);
        String slug = m.matches() ? m.group(1) : name;
        return postPath.replace("{slug}", slug.toLowerCase(java.util.Locale.ROOT));
    }

    /** A fence longer than any backtick run in the code, so the code can contain fences itself. */
    static String fence(String lang, String code) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < code.length(); i++) {
            run = code.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        return f + lang + "\n" + code + (code.endsWith("\n") ? "" : "\n") + f;
    }

    /** The line of a fragment, for the first {@link #MAX_WARNINGS} warnings only (0 after: they are summed up). */
    private static int lineOf(String whole, String fragment, int offset, List<ContentWarning> warnings) {
        if (warnings.size() >= MAX_WARNINGS) {
            return 0;
        }
        int at = whole.indexOf(fragment, offset);
        int line = 1;
        for (int i = 0; i < Math.max(0, at); i++) {
            if (whole.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Where a match can end at the latest: just after the first {@code terminal} that follows the last
     * {@code closer} (0 if there is no closer). Each pattern runs lazily from an opener to a closer;
     * openers after the last closer can never match, and letting the engine try each of them to the
     * end of the text made "{{ site." or an unclosed highlight repeated a few thousand times take
     * seconds (quadratic).
     */
    static int searchEnd(String text, String closer, String terminal) {
        int last = text.lastIndexOf(closer);
        if (last < 0) {
            return 0;
        }
        int end = text.indexOf(terminal, last + closer.length());
        return end < 0 ? 0 : end + terminal.length();
    }

    private static String replace(Pattern p, String closer, String terminal, String text,
            java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        m.region(0, searchEnd(text, closer, terminal));
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
