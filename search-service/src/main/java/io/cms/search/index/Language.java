package io.cms.search.index;

import java.util.Locale;

/** The analysis a post's text gets: Japanese (Kuromoji), Chinese (CJK bigrams) or English (stemming). */
public enum Language {
    JA, ZH, EN;

    /** From the post's {@code lang} when it has one, else from the script of its text. */
    public static Language of(String lang, String text) {
        if (lang != null && !lang.isBlank()) {
            String l = lang.strip().toLowerCase(Locale.ROOT);
            if (l.startsWith("ja")) {
                return JA;
            }
            if (l.startsWith("zh")) {
                return ZH;
            }
            return EN;
        }
        return detect(text);
    }

    /** Kana means Japanese; mostly Han without kana means Chinese; anything else is read as English. */
    public static Language detect(String text) {
        int kana = 0;
        int han = 0;
        int letters = 0;
        int limit = Math.min(text.length(), 4000);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c >= 0x3040 && c <= 0x30FF) {
                kana++;
            } else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
                han++;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        if (letters == 0) {
            return EN;
        }
        if (kana * 50 >= letters || (kana > 0 && kana * 5 >= han)) {
            return JA;
        }
        return han * 5 >= letters ? ZH : EN;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
