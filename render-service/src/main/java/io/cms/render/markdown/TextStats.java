package io.cms.render.markdown;

/**
 * Counts for reading time that are right for Japanese and Chinese as well as English: CJK
 * characters are read at about 500 a minute, words of other scripts at about 230.
 */
public record TextStats(int words, int cjkChars, int chars) {

    static final double CJK_PER_MINUTE = 500;
    static final double WORDS_PER_MINUTE = 230;

    public static TextStats of(CharSequence text) {
        int words = 0;
        int cjk = 0;
        int chars = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                inWord = false;
                continue;
            }
            chars++;
            if (isCjk(cp)) {
                cjk++;
                inWord = false;
            } else if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                inWord = cp == '\'' || cp == '’' || cp == '-' ? inWord : false;
            }
        }
        return new TextStats(words, cjk, chars);
    }

    /** Whole minutes, rounded up, never 0. */
    public int readingTimeMinutes() {
        double minutes = cjkChars / CJK_PER_MINUTE + words / WORDS_PER_MINUTE;
        return Math.max(1, (int) Math.ceil(minutes));
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
                || s == Character.UnicodeScript.BOPOMOFO;
    }
}
