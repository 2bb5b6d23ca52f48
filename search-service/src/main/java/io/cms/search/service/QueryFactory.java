package io.cms.search.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cms.search.index.Fields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns parsed terms into a Lucene query. Each term is analysed by every language's analyzer and
 * looked for in that language's title and body; the best language wins (dismax). An unquoted term is
 * the words it is made of, all required, each found in the title or the body, with the contiguous
 * phrase as a bonus: Japanese typed without spaces ("半導体の輸出") is analysed into words by
 * Kuromoji (particles and auxiliaries dropped, inflected forms reduced to their base form); Chinese
 * ("龙井茶的水温") is cut at function characters such as 的 into stretches matched as bigram phrases.
 * The post with the phrase itself ranks first. A quoted term is an exact phrase. An English stop word
 * ("a", "the") is not a term.
 */
public final class QueryFactory {

    /** How much a contiguous match of an unquoted term adds over its words found apart. */
    private static final float PHRASE_BONUS = 2f;
    /** How much the other fields' scores add to the best one's. */
    private static final float TIE_BREAKER = 0.1f;

    /** How an unquoted term is cut into the words that must all match. */
    private enum Cut {
        /** Not cut: the term is one phrase. */
        NONE,
        /** The analyzer's words (Kuromoji): one required clause per word. */
        WORDS,
        /** Stretches between function characters, each a phrase (CJK bigrams). */
        FUNCTION_CHARACTERS
    }

    /** The fields of one analysis with their weights (titles high, code low); title and body share an analyzer. */
    private record FieldSet(List<String> fields, List<Float> weights, Cut cut, boolean cjkScriptOnly) {
    }

    private static final List<FieldSet> LANGUAGES = List.of(
            new FieldSet(List.of(Fields.TITLE_JA, Fields.BODY_JA), List.of(3f, 1f), Cut.WORDS, false),
            new FieldSet(List.of(Fields.TITLE_CJK, Fields.BODY_CJK), List.of(2.5f, 0.8f), Cut.FUNCTION_CHARACTERS, false),
            // Those fields keep only kanji and kana: a term with anything else ("AI企業") would lose
            // that part there and match far too much; the Kuromoji fields match it whole.
            new FieldSet(List.of(Fields.TITLE_JA_CJK, Fields.BODY_JA_CJK), List.of(2.5f, 0.8f), Cut.NONE, true),
            new FieldSet(List.of(Fields.TITLE_EN, Fields.BODY_EN), List.of(3f, 1f), Cut.NONE, false),
            new FieldSet(List.of(Fields.CODE), List.of(0.3f), Cut.NONE, false));

    /**
     * Chinese function characters a query is cut at: particles, conjunctions and prepositions that
     * join words. Cut only where both sides keep two characters or more, so a word holding one (目的,
     * 现在) stays whole, and any stretch is still a substring of the query, matched as a phrase.
     */
    private static final String FUNCTION_CHARACTERS = "的了和与及在是把被从对向给吗呢吧";

    private final QueryBuilder builder;

    public QueryFactory(Analyzer analyzer) {
        this.builder = new QueryBuilder(analyzer);
    }

    /** @return the query, or null if no term has any searchable token */
    public Query build(List<UserQuery.Term> terms) {
        Map<Integer, List<Query>> groups = new LinkedHashMap<>();
        List<Query> excluded = new ArrayList<>();
        for (UserQuery.Term t : terms) {
            Query q = term(t.text(), t.phrase());
            if (q == null) {
                continue;
            }
            if (t.excluded()) {
                excluded.add(q);
            } else {
                groups.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(q);
            }
        }
        if (groups.isEmpty() && excluded.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (groups.isEmpty()) {
            b.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        for (List<Query> alternatives : groups.values()) {
            if (alternatives.size() == 1) {
                b.add(alternatives.get(0), Occur.MUST);
            } else {
                BooleanQuery.Builder or = new BooleanQuery.Builder();
                alternatives.forEach(q -> or.add(q, Occur.SHOULD));
                b.add(or.build(), Occur.MUST);
            }
        }
        excluded.forEach(q -> b.add(q, Occur.MUST_NOT));
        return b.build();
    }

    private Query term(String text, boolean quoted) {
        boolean cjkOnly = cjkScriptOnly(text);
        if (!quoted && englishStopWord(text)) {
            return null;
        }
        List<Query> perLanguage = new ArrayList<>();
        for (FieldSet language : LANGUAGES) {
            if (language.cjkScriptOnly() && !cjkOnly) {
                continue;
            }
            Query q = quoted ? phrase(language, text) : switch (language.cut()) {
                case NONE -> phrase(language, text);
                case WORDS -> words(language, text);
                case FUNCTION_CHARACTERS -> stretches(language, text);
            };
            if (q != null) {
                perLanguage.add(q);
            }
        }
        return perLanguage.isEmpty() ? null : new DisjunctionMaxQuery(perLanguage, TIE_BREAKER);
    }

    /** The text as a phrase in any of the language's fields; null if it has no token there. */
    private Query phrase(FieldSet language, String text) {
        List<Query> perField = new ArrayList<>();
        for (int i = 0; i < language.fields().size(); i++) {
            Query q = builder.createPhraseQuery(language.fields().get(i), text);
            if (q != null) {
                perField.add(boosted(q, language.weights().get(i)));
            }
        }
        return perField.isEmpty() ? null : perField.size() == 1 ? perField.get(0) : new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }

    /**
     * Every word the analyzer finds, each in the title or the body, and the phrase as a bonus. The
     * fields share an analyzer, so the i-th clause of each field's query is the same word.
     */
    private Query words(FieldSet language, String text) {
        List<List<BooleanClause>> clauses = new ArrayList<>();
        for (String field : language.fields()) {
            if (!(builder.createBooleanQuery(field, text, Occur.MUST) instanceof BooleanQuery all)) {
                return phrase(language, text); // one word (or none): the phrase is the same query
            }
            clauses.add(all.clauses());
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int w = 0; w < clauses.get(0).size(); w++) {
            List<Query> perField = new ArrayList<>();
            for (int f = 0; f < clauses.size(); f++) {
                perField.add(boosted(clauses.get(f).get(w).getQuery(), language.weights().get(f)));
            }
            b.add(new DisjunctionMaxQuery(perField, TIE_BREAKER), Occur.MUST);
        }
        return withPhraseBonus(b, language, text);
    }

    /** The stretches of text between function characters, each a phrase in the title or the body. */
    private Query stretches(FieldSet language, String text) {
        List<String> parts = cut(text);
        if (parts.size() == 1) {
            return phrase(language, text);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String part : parts) {
            Query q = phrase(language, part);
            if (q != null) {
                b.add(q, Occur.MUST);
            }
        }
        return withPhraseBonus(b, language, text);
    }

    private Query withPhraseBonus(BooleanQuery.Builder required, FieldSet language, String text) {
        Query phrase = phrase(language, text);
        if (phrase != null) {
            required.add(new BoostQuery(phrase, PHRASE_BONUS), Occur.SHOULD);
        }
        BooleanQuery q = required.build();
        return q.clauses().isEmpty() ? null : q;
    }

    /** The text cut at each function character that has two characters or more on both sides. */
    static List<String> cut(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (FUNCTION_CHARACTERS.indexOf(text.charAt(i)) >= 0 && i - start >= 2 && text.length() - i - 1 >= 2) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** A word of Latin letters that English analysis drops ("a", "the"): required, it would match nothing. */
    private boolean englishStopWord(String text) {
        return text.codePoints().allMatch(cp -> cp < 0x250 && Character.isLetter(cp))
                && builder.createPhraseQuery(Fields.TITLE_EN, text) == null;
    }

    private static Query boosted(Query q, float weight) {
        return weight == 1f ? q : new BoostQuery(q, weight);
    }

    /** Whether every letter and digit of the text is kanji or kana (ー included). */
    static boolean cjkScriptOnly(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).allMatch(cp -> cp == 'ー'
                || switch (Character.UnicodeScript.of(cp)) {
                    case HAN, HIRAGANA, KATAKANA -> true;
                    default -> false;
                });
    }
}
