package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
