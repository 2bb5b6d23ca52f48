package io.cms.search.index;

/** Field names of the index, shared by indexing, querying and highlighting. */
public final class Fields {

    public static final String ID = "id";
    public static final String VERSION = "version";
    /**
     * "true" for a published post, "draft" for one not published (found only by staff searches), and
     * "false" for a deleted post's hidden document that remembers its version.
     */
    public static final String VISIBLE = "visible";
    /** The owning user's id, for an author's search of their own drafts. */
    public static final String OWNER = "owner";
    /** draft, scheduled or published: stored, shown in staff searches. */
    public static final String STATUS = "status";
    public static final String SLUG = "slug";
    public static final String TITLE = "title";
    public static final String EXCERPT = "excerpt";
    public static final String TAG = "tag";
    public static final String CATEGORY = "category";
    public static final String AUTHOR = "author";
    public static final String LANG = "lang";
    public static final String PUBLISHED_AT = "publishedAt";
    /** Title prefixes for completion: edge n-grams of each space-separated word of the title. */
    public static final String SUGGEST = "suggest";
    /** Code blocks: searchable, weighted low. */
    public static final String CODE = "code";

    public static final String TITLE_JA = "title_ja";
    public static final String BODY_JA = "body_ja";
    /** CJK bigrams of Chinese posts. */
    public static final String TITLE_CJK = "title_cjk";
    public static final String BODY_CJK = "body_cjk";
    /**
     * Japanese posts' CJK-script text again as bigrams (only kanji and kana; latin words are already in
     * the Kuromoji fields), so a word inside a longer compound matches. Searched, never shown.
     */
    public static final String TITLE_JA_CJK = "title_ja_cjk";
    public static final String BODY_JA_CJK = "body_ja_cjk";
    public static final String TITLE_EN = "title_en";
    public static final String BODY_EN = "body_en";

    private Fields() {
    }
}
