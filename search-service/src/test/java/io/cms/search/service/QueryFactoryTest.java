package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cms.search.index.Analyzers;
import io.cms.search.index.Fields;

class QueryFactoryTest {

    private final QueryFactory factory = new QueryFactory(Analyzers.perField(Optional.empty()));

    @Test
    void kanjiAndKanaOnlyTermsAreCjkScriptOnly() {
        assertTrue(QueryFactory.cjkScriptOnly("知能"));
        assertTrue(QueryFactory.cjkScriptOnly("ロボット"));
        assertTrue(QueryFactory.cjkScriptOnly("データベース"));
        assertTrue(QueryFactory.cjkScriptOnly("渐进式"));
        assertFalse(QueryFactory.cjkScriptOnly("AI企業"));
        assertFalse(QueryFactory.cjkScriptOnly("第3章"));
        assertFalse(QueryFactory.cjkScriptOnly("kafka"));
    }

    /** The bigram copy of Japanese posts drops latin letters: a mixed term must not be looked for there. */
    @Test
    void mixedTermsSkipTheJapaneseBigramCopy() {
        String mixed = factory.build(UserQuery.parse("\"AI企業\"")).toString();
        assertFalse(mixed.contains(Fields.BODY_JA_CJK + ":"), mixed);
        assertTrue(mixed.contains(Fields.BODY_JA + ":"), mixed);
        String kanji = factory.build(UserQuery.parse("知能")).toString();
        assertTrue(kanji.contains(Fields.BODY_JA_CJK + ":\"知能\"") || kanji.contains(Fields.BODY_JA_CJK + ":知能"), kanji);
        String latin = factory.build(UserQuery.parse("haskell")).toString();
        assertFalse(latin.contains(Fields.BODY_JA_CJK + ":"), latin);
    }

    /** Cut only where both sides keep two characters: a word holding a function character stays whole. */
    @Test
    void chineseIsCutAtFunctionCharactersBetweenWords() {
        assertEquals(List.of("龙井茶", "水温"), QueryFactory.cut("龙井茶的水温"));
        assertEquals(List.of("现在", "问题"), QueryFactory.cut("现在的问题"));
        assertEquals(List.of("目的地"), QueryFactory.cut("目的地"));
        assertEquals(List.of("高等教育", "失败"), QueryFactory.cut("高等教育的失败"));
        assertEquals(List.of("的"), QueryFactory.cut("的"));
    }

    @Test
    void englishStopWordsAreNotTerms() {
        assertNull(factory.build(UserQuery.parse("the")));
        String q = factory.build(UserQuery.parse("rolling back a canary")).toString();
        assertEquals(3, factory.build(UserQuery.parse("rolling back a canary")) instanceof org.apache.lucene.search.BooleanQuery b
                ? b.clauses().size() : -1, q);
        assertTrue(factory.build(UserQuery.parse("\"a\"")) != null, "a quoted stop word is still looked for (in code)");
    }
}
