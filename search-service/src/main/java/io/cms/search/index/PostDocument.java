package io.cms.search.index;

import io.cms.common.messaging.PostChangedEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;

/** Builds the Lucene document of a post event: a searchable post, or a hidden marker of its version. */
public final class PostDocument {

    public static final FacetsConfig FACETS = facets();

    /**
     * Title and body text as searched and highlighted: stored, with offsets in the postings, so the
     * highlighter reads match positions instead of running Kuromoji over the stored body again.
     */
    private static final FieldType HIGHLIGHTED = highlighted();
    private static FieldType highlighted() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private PostDocument() {
    }

    public static Document of(PostChangedEvent e) {
        Document d = new Document();
        d.add(new StringField(Fields.ID, e.id().toString(), Field.Store.YES));
        d.add(new StoredField(Fields.VERSION, e.version()));
        d.add(new NumericDocValuesField(Fields.VERSION, e.version()));
        if (e.deleted()) {
            d.add(new StringField(Fields.VISIBLE, "false", Field.Store.NO));
            return d;
        }
        // Drafts are indexed too, for staff: public searches leave them out by this field.
        d.add(new StringField(Fields.VISIBLE, e.isPublic() ? "true" : "draft", Field.Store.NO));
        d.add(new StringField(Fields.STATUS, e.status() == null ? "" : e.status(), Field.Store.YES));
        if (e.ownerId() != null) {
            d.add(new StringField(Fields.OWNER, e.ownerId().toString(), Field.Store.NO));
        }
        TextExtractor.Extracted body = TextExtractor.extract(e.markdown());
        String title = e.title() == null ? "" : e.title();
        String excerpt = e.excerpt() == null ? "" : e.excerpt();
        Language language = Language.of(e.lang(), title + " " + body.text());
        d.add(new StringField(Fields.LANG, language.code(), Field.Store.YES));
        d.add(new StoredField(Fields.SLUG, e.slug() == null ? "" : e.slug()));
        d.add(new StoredField(Fields.TITLE, title));
        d.add(new TextField(Fields.SUGGEST, java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKC), Field.Store.NO));
        d.add(new StoredField(Fields.EXCERPT, excerpt));
        String fullText = excerpt.isEmpty() ? body.text() : excerpt + " " + body.text();
        switch (language) {
            case JA -> {
                d.add(new Field(Fields.TITLE_JA, title, HIGHLIGHTED));
                d.add(new Field(Fields.BODY_JA, fullText, HIGHLIGHTED));
                // Searched, never shown: positions for phrases, no stored text, no offsets.
                d.add(new TextField(Fields.TITLE_JA_CJK, title, Field.Store.NO));
                d.add(new TextField(Fields.BODY_JA_CJK, fullText, Field.Store.NO));
            }
            case ZH -> {
                d.add(new Field(Fields.TITLE_CJK, title, HIGHLIGHTED));
                d.add(new Field(Fields.BODY_CJK, fullText, HIGHLIGHTED));
            }
            case EN -> {
                d.add(new Field(Fields.TITLE_EN, title, HIGHLIGHTED));
                d.add(new Field(Fields.BODY_EN, fullText, HIGHLIGHTED));
            }
        }
        if (!body.code().isBlank()) {
            d.add(new TextField(Fields.CODE, body.code(), Field.Store.NO));
        }
        if (e.publishedAt() != null) {
            long millis = e.publishedAt().toInstant().toEpochMilli();
            d.add(new LongPoint(Fields.PUBLISHED_AT, millis));
            d.add(new NumericDocValuesField(Fields.PUBLISHED_AT, millis));
            d.add(new StoredField(Fields.PUBLISHED_AT, millis));
        }
        if (e.author() != null && !e.author().isBlank()) {
            d.add(new StringField(Fields.AUTHOR, e.author(), Field.Store.YES));
            d.add(new SortedSetDocValuesFacetField(Fields.AUTHOR, e.author()));
        }
        for (String tag : e.tags() == null ? java.util.List.<String>of() : e.tags()) {
            d.add(new StringField(Fields.TAG, tag, Field.Store.YES));
            d.add(new SortedSetDocValuesFacetField(Fields.TAG, tag));
        }
        for (String category : e.categories() == null ? java.util.List.<String>of() : e.categories()) {
            d.add(new StringField(Fields.CATEGORY, category, Field.Store.YES));
            d.add(new SortedSetDocValuesFacetField(Fields.CATEGORY, category));
        }
        return d;
    }

    private static FacetsConfig facets() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(Fields.TAG, true);
        config.setMultiValued(Fields.CATEGORY, true);
        return config;
    }
}
