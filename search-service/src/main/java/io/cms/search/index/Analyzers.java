package io.cms.search.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * One analyzer per field: Kuromoji in search mode (compounds also split into their parts) with a user
 * dictionary for terms it would cut wrongly (具身知能), CJK bigrams, English with stemming.
 */
public final class Analyzers {

    private Analyzers() {
    }

    /**
     * @param userDictionary an extra Kuromoji user dictionary file (CSV), read after the built-in one
     */
    public static Analyzer perField(Optional<Path> userDictionary) {
        Analyzer ja = new JapaneseAnalyzer(dictionary(userDictionary), JapaneseTokenizer.Mode.SEARCH,
                JapaneseAnalyzer.getDefaultStopSet(), JapaneseAnalyzer.getDefaultStopTags());
        Analyzer cjk = new CJKAnalyzer();
        Analyzer cjkScriptOnly = cjkScriptOnly();
        Analyzer en = new EnglishAnalyzer();
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(
                Fields.SUGGEST, suggest(),
                Fields.TITLE_JA, ja, Fields.BODY_JA, ja,
                Fields.TITLE_CJK, cjk, Fields.BODY_CJK, cjk,
                Fields.TITLE_JA_CJK, cjkScriptOnly, Fields.BODY_JA_CJK, cjkScriptOnly,
                Fields.TITLE_EN, en, Fields.BODY_EN, en));
    }

    /**
     * CJK bigrams of kanji and kana only: every other token is dropped, so a latin word in a Japanese
     * post is indexed (and matched) once, by Kuromoji, not a second time here.
     */
    private static Analyzer cjkScriptOnly() {
        return new Analyzer() {
            @Override
            protected Reader initReader(String field, Reader reader) {
                return new org.apache.lucene.analysis.cjk.CJKWidthCharFilter(reader);
            }

            @Override
            protected TokenStreamComponents createComponents(String field) {
                var tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
                var bigrams = new org.apache.lucene.analysis.cjk.CJKBigramFilter(
                        new org.apache.lucene.analysis.core.LowerCaseFilter(tokenizer));
                return new TokenStreamComponents(tokenizer, new org.apache.lucene.analysis.core.TypeTokenFilter(bigrams,
                        java.util.Set.of(org.apache.lucene.analysis.cjk.CJKBigramFilter.DOUBLE_TYPE,
                                org.apache.lucene.analysis.cjk.CJKBigramFilter.SINGLE_TYPE), true));
            }
        };
    }

    /** Lower-cased edge n-grams (1–30 characters) of each space-separated word; queried without analysis. */
    private static Analyzer suggest() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                var tokenizer = new org.apache.lucene.analysis.core.WhitespaceTokenizer();
                var lower = new org.apache.lucene.analysis.core.LowerCaseFilter(tokenizer);
                return new TokenStreamComponents(tokenizer,
                        new org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter(lower, 1, 30, false));
            }
        };
    }

    private static UserDictionary dictionary(Optional<Path> extra) {
        try (InputStream builtIn = Analyzers.class.getResourceAsStream("user-dictionary.csv")) {
            StringBuilder csv = new StringBuilder(new String(builtIn.readAllBytes(), StandardCharsets.UTF_8));
            if (extra.isPresent()) {
                csv.append('\n').append(Files.readString(extra.get(), StandardCharsets.UTF_8));
            }
            return UserDictionary.open(new java.io.StringReader(csv.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Kuromoji user dictionary", e);
        }
    }
}
