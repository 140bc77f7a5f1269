package io.lingxi.nlu.domain;

/**
 * Tells Chinese from English by script statistics, which stay reliable on the two-character messages
 * customers send ("在吗", "hi") where statistical models guess. Kana or Hangul make a message "other"
 * (Japanese and Korean), even when it also has Han characters.
 */
public final class LanguageDetector {

    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";
    public static final String OTHER = "other";

    public String detect(String text) {
        int han = 0;
        int latin = 0;
        int kanaOrHangul = 0;
        int otherLetters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN) {
                han++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            } else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HANGUL) {
                kanaOrHangul++;
            } else if (Character.isLetter(cp)) {
                otherLetters++;
            }
        }
        if (kanaOrHangul > 0 && kanaOrHangul * 4 >= han) {
            return OTHER;
        }
        // one Han character weighs about as much as a short English word
        if (han > 0 && han * 3 >= latin) {
            return CHINESE;
        }
        if (latin > 0 && latin >= otherLetters + kanaOrHangul) {
            return ENGLISH;
        }
        return han > 0 ? CHINESE : OTHER;
    }
}
