package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/** Scores exactly as Lucene's own passage scorer does, repeated and distinct terms alike. */
class LeanPassageScorerTest {

    @Test
    void sameScoresAsTheStockScorer() {
        PassageScorer stock = new PassageScorer();
        LeanPassageScorer lean = new LeanPassageScorer();
        String[][] cases = {{"jekyll"}, {"jekyll", "jekyll", "plugin"}, {"a", "b", "a", "c", "b", "a"}, {}};
        for (String[] terms : cases) {
            for (int start : new int[] {0, 400, 5000}) {
                Passage p = new Passage();
                p.setStartOffset(start);
                p.setEndOffset(start + 120);
                for (int i = 0; i < terms.length; i++) {
                    p.addMatch(start + i * 10, start + i * 10 + 5, new BytesRef(terms[i]), 3 + terms[i].length());
                }
                assertEquals(stock.score(p, 8000), lean.score(p, 8000), 1e-6f, String.join(",", terms) + " at " + start);
            }
        }
    }
}
