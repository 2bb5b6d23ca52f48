package io.cms.render.ghost;

import java.util.ArrayList;
import java.util.List;

/**
 * Ghost's filter language (NQL) read into a tree: {@code field:value}, {@code field:-value} (not),
 * {@code field:[a,b]} (any of), {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ~} (contains),
 * {@code ~^} (starts with), {@code ~$} (ends with), {@code -~} (does not contain), {@code +} (and,
 * binding tighter than) {@code ,} (or), parentheses, values quoted with {@code '} or {@code "}
 * (backslash escapes) or bare. What it cannot read is refused naming the position, never guessed at.
 */
public final class Nql {

    /** Longest filter read: a frontend's filter is a line, not a document. */
    public static final int MAX_LENGTH = 4_096;
    /** Deepest nesting of parentheses. */
    static final int MAX_DEPTH = 16;

    public enum Op { EQ, GT, GTE, LT, LTE, CONTAINS, STARTS, ENDS, IN }

    /** A node of the filter. */
    public sealed interface Node permits And, Or, Compare {
    }

    public record And(List<Node> all) implements Node {
    }

    public record Or(List<Node> any) implements Node {
    }

    /** {@code field op value(s)}; {@code not} for {@code -}. Values keep whether they were quoted. */
    public record Compare(String field, Op op, boolean not, List<Value> values) implements Node {
    }

    /** A bare value may be a keyword ({@code null}, {@code true}, {@code false}); a quoted one never is. */
    public record Value(String text, boolean quoted) {
        public boolean is(String keyword) {
            return !quoted && text.equals(keyword);
        }
    }

    private final String in;
    private int pos;
    private int depth;

    private Nql(String in) {
        this.in = in;
    }

    /** @throws GhostException 400 BadRequestError saying what is wrong and where */
    public static Node parse(String filter) {
        if (filter.length() > MAX_LENGTH) {
            throw GhostException.badRequest("filter", "is longer than " + MAX_LENGTH + " characters");
        }
        Nql p = new Nql(filter);
        Node node = p.or();
        p.skipSpace();
        if (p.pos < p.in.length()) {
            throw p.error("unexpected '" + p.in.charAt(p.pos) + "'");
        }
        return node;
    }

    private Node or() {
        List<Node> any = new ArrayList<>(List.of(and()));
        while (peek(',')) {
            pos++;
            any.add(and());
        }
        return any.size() == 1 ? any.get(0) : new Or(List.copyOf(any));
    }

    private Node and() {
        List<Node> all = new ArrayList<>(List.of(term()));
        while (peek('+')) {
            pos++;
            all.add(term());
        }
        return all.size() == 1 ? all.get(0) : new And(List.copyOf(all));
    }

    private Node term() {
        if (peek('(')) {
            if (++depth > MAX_DEPTH) {
                throw error("parentheses nested deeper than " + MAX_DEPTH);
            }
            pos++;
            Node inner = or();
            if (!peek(')')) {
                throw error("expected ')'");
            }
            pos++;
            depth--;
            return inner;
        }
        return compare();
    }

    private Compare compare() {
        skipSpace();
        int start = pos;
        while (pos < in.length() && (Character.isLetterOrDigit(in.charAt(pos)) || in.charAt(pos) == '_' || in.charAt(pos) == '.')) {
            pos++;
        }
        if (start == pos) {
            throw error(pos < in.length() ? "expected a field name, found '" + in.charAt(pos) + "'" : "expected a field name");
        }
        String field = in.substring(start, pos);
        if (pos >= in.length() || in.charAt(pos) != ':') {
            throw error("expected ':' after " + field);
        }
        pos++;
        boolean not = false;
        if (at("-")) {
            not = true;
            pos++;
        }
        Op op = Op.EQ;
        for (String[] symbol : new String[][] {{">=", "GTE"}, {"<=", "LTE"}, {">", "GT"}, {"<", "LT"}, {"~^", "STARTS"},
                {"~$", "ENDS"}, {"~", "CONTAINS"}}) {
            if (at(symbol[0])) {
                op = Op.valueOf(symbol[1]);
                pos += symbol[0].length();
                break;
            }
        }
        if (not && op != Op.EQ && op != Op.CONTAINS && op != Op.STARTS && op != Op.ENDS) {
            throw error("'-' cannot be combined with " + op.name().toLowerCase(java.util.Locale.ROOT));
        }
        skipSpace();
        if (peek('[')) {
            if (op != Op.EQ) {
                throw error("a list [a,b] takes no operator");
            }
            pos++;
            List<Value> values = new ArrayList<>(List.of(value()));
            while (peek(',')) {
                pos++;
                values.add(value());
            }
            if (!peek(']')) {
                throw error("expected ']'");
            }
            pos++;
            return new Compare(field, Op.IN, not, List.copyOf(values));
        }
        return new Compare(field, op, not, List.of(value()));
    }

    private Value value() {
        skipSpace();
        if (pos >= in.length()) {
            throw error("expected a value");
        }
        char quote = in.charAt(pos);
        if (quote == '\'' || quote == '"') {
            StringBuilder text = new StringBuilder();
            pos++;
            while (pos < in.length() && in.charAt(pos) != quote) {
                char c = in.charAt(pos++);
                if (c == '\\' && pos < in.length()) {
                    c = in.charAt(pos++);
                }
                text.append(c);
            }
            if (pos >= in.length()) {
                throw error("a quoted value is not closed");
            }
            pos++;
            return new Value(text.toString(), true);
        }
        int start = pos;
        while (pos < in.length() && ",+()[]'\"".indexOf(in.charAt(pos)) < 0 && !Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a value, found '" + in.charAt(pos) + "'");
        }
        return new Value(in.substring(start, pos), false);
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < in.length() && in.charAt(pos) == c;
    }

    private boolean at(String s) {
        return in.startsWith(s, pos);
    }

    private void skipSpace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }

    private GhostException error(String what) {
        return GhostException.badRequest("filter", what + " at position " + pos);
    }
}
