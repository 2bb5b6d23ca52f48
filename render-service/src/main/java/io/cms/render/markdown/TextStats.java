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
            if (cp >= 0x1100 && isCjk(cp)) { // first: most characters of a Japanese or Chinese post
                chars++;
                cjk++;
                inWord = false;
                continue;
            }
            if (Character.isWhitespace(cp)) {
                inWord = false;
                continue;
            }
            chars++;
            if (Character.isLetterOrDigit(cp)) {
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

    /**
     * Han (with its iteration marks), Hiragana, Katakana (with the prolonged sound mark and
     * half-width forms), Hangul and Bopomofo, by code point range: far cheaper than
     * {@code Character.UnicodeScript.of}, which is a binary search per character.
     */
    static boolean isCjk(int cp) {
        if (cp < 0x1100) {
            return false;
        }
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3005 && cp <= 0x3007) || cp == 0x303B
                || (cp >= 0x3100 && cp <= 0x318F) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x20000 && cp <= 0x3134F);
    }
}
