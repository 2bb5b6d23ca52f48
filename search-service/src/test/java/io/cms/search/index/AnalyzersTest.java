package io.cms.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzersTest {

    @Test
    void theBuiltInDictionaryCutsItsTermsAndAnExtraFileAddsMore(@TempDir Path dir) throws IOException {
        String text = "具身知能の推し活と量子重力理論";
        // Built in: 具身知能 as its two words (Kuromoji alone cuts 具身 apart); 推し活 not known yet.
        assertEquals(List.of("具身", "知能", "推す", "活", "量子", "重力", "理論"),
                tokens(Analyzers.perField(Optional.empty()), Fields.BODY_JA, text));
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "推し活,推し活,オシカツ,カスタム名詞\n", StandardCharsets.UTF_8);
        assertEquals(List.of("具身", "知能", "推し活", "量子", "重力", "理論"),
                tokens(Analyzers.perField(Optional.of(extra)), Fields.BODY_JA, text), "the extra file's term is one word");
    }

    static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
