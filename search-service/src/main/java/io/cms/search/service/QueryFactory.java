package io.cms.search.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cms.search.index.Fields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns parsed terms into a Lucene query. Each term is analysed by every language's analyzer and
 * looked for in that language's fields; the best field wins (dismax). In the Kuromoji fields an
 * unquoted term is the words it is made of, all required (particles and auxiliaries are dropped by
 * the analyzer, inflected forms reduced to their base form), with the contiguous phrase as a bonus:
 * Japanese typed without spaces ("半導体の輸出") finds a post with each word, and the post with the
 * phrase itself ranks first. Elsewhere, and for quoted terms, a term is a phrase (a Chinese word made
 * of bigrams, an English compound).
 */
public final class QueryFactory {

    /** Fields a term is looked for in, with their weights: titles high, code low. */
    static final Map<String, Float> WEIGHTS = weights();
    /** Fields analysed into words (Kuromoji), where an unquoted term need not be contiguous. */
    static final Set<String> WORD_FIELDS = Set.of(Fields.TITLE_JA, Fields.BODY_JA);
    /** How much a contiguous match of an unquoted term adds over its words found apart. */
    private static final float PHRASE_BONUS = 2f;

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
        List<Query> perField = new ArrayList<>();
        boolean cjkOnly = cjkScriptOnly(text);
        WEIGHTS.forEach((field, weight) -> {
            // Those fields keep only kanji and kana: a term with anything else ("AI企業") would lose
            // that part there and match far too much; the Kuromoji fields match it whole.
            if (!cjkOnly && (field.equals(Fields.TITLE_JA_CJK) || field.equals(Fields.BODY_JA_CJK))) {
                return;
            }
            Query q = !quoted && WORD_FIELDS.contains(field) ? words(field, text) : builder.createPhraseQuery(field, text);
            if (q != null) {
                perField.add(weight == 1f ? q : new BoostQuery(q, weight));
            }
        });
        return perField.isEmpty() ? null : new DisjunctionMaxQuery(perField, 0.1f);
    }

    /** Every content word of the text, and the whole text as a phrase for a higher score. */
    private Query words(String field, String text) {
        Query all = builder.createBooleanQuery(field, text, Occur.MUST);
        if (!(all instanceof BooleanQuery)) {
            return all; // one word (or none): the phrase is the same query
        }
        Query phrase = builder.createPhraseQuery(field, text);
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(all, Occur.MUST);
        if (phrase != null) {
            b.add(new BoostQuery(phrase, PHRASE_BONUS), Occur.SHOULD);
        }
        return b.build();
    }

    /** Whether every letter and digit of the text is kanji or kana (ー included). */
    static boolean cjkScriptOnly(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).allMatch(cp -> cp == 'ー'
                || switch (Character.UnicodeScript.of(cp)) {
                    case HAN, HIRAGANA, KATAKANA -> true;
                    default -> false;
                });
    }

    private static Map<String, Float> weights() {
        Map<String, Float> w = new LinkedHashMap<>();
        w.put(Fields.TITLE_JA, 3f);
        w.put(Fields.BODY_JA, 1f);
        w.put(Fields.TITLE_CJK, 2.5f);
        w.put(Fields.BODY_CJK, 0.8f);
        w.put(Fields.TITLE_JA_CJK, 2.5f);
        w.put(Fields.BODY_JA_CJK, 0.8f);
        w.put(Fields.TITLE_EN, 3f);
        w.put(Fields.BODY_EN, 1f);
        w.put(Fields.CODE, 0.3f);
        return w;
    }
}
