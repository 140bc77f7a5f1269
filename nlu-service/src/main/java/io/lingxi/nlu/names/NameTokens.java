package io.lingxi.nlu.names;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text cut into the tokens the name finder reads, each with its offsets in the original text: one token per Han
 * character (Chinese has no spaces, and names are learned from the characters around them), one per run of other
 * letters and digits ("AirPods", "14", "Mate60"), one per other symbol; whitespace separates. Tokens are taken
 * from the NFKC form of each character, so full-width "ＡｉｒＰｏｄｓ" reads like "AirPods" while the offsets still
 * point into what the customer wrote.
 *
 * @param tokens the tokens (NFKC-normalised)
 * @param starts offset of each token's first character in the original text
 * @param ends   offset after each token's last character in the original text
 */
public record NameTokens(String[] tokens, int[] starts, int[] ends) {

    public static NameTokens of(String text) {
        List<String> tokens = new ArrayList<>();
        int[] starts = new int[text.length()];
        int[] ends = new int[text.length()];
        StringBuilder word = new StringBuilder();
        int wordStart = -1;
        int wordEnd = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            String folded = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            int first = folded.isEmpty() ? cp : folded.codePointAt(0);
            boolean han = Character.UnicodeScript.of(first) == Character.UnicodeScript.HAN;
            if (!han && Character.isLetterOrDigit(first)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
                word.append(folded);
                wordEnd = next;
            } else {
                if (wordStart >= 0) {
                    starts[tokens.size()] = wordStart;
                    ends[tokens.size()] = wordEnd;
                    tokens.add(word.toString());
                    word.setLength(0);
                    wordStart = -1;
                }
                if (!folded.isBlank() && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                    starts[tokens.size()] = i;
                    ends[tokens.size()] = next;
                    tokens.add(folded.strip());
                }
            }
            i = next;
        }
        if (wordStart >= 0) {
            starts[tokens.size()] = wordStart;
            ends[tokens.size()] = wordEnd;
            tokens.add(word.toString());
        }
        int n = tokens.size();
        return new NameTokens(tokens.toArray(String[]::new), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
    }

    // Characters that are almost never part of a name (particles, pronouns, common verbs): a name ends before them.
    private static final String FUNCTION_CHARACTERS = "的了吗呢吧啊呀么我你他她它们是在有和与或把被给从到向对要想买卖用"
            + "问请帮查下个这那哪什怎多少几能会可以还没不也都就很太又再已刚上去来到过着吃说看找收发寄送坏退换修";

    /**
     * What each token adds to OpenNLP's own features (its window of eight tokens either side turns these into
     * context): the token's script class, the bigram it ends (so the two characters before a name are one feature,
     * which Chinese needs: 想买 predicts a product, 寄到 a city), and whether it is a character that rarely belongs
     * to a name. Names the model never saw are recognised from these, not from their own characters.
     */
    public String[][] features() {
        return features(tokens);
    }

    static String[][] features(String[] tokens) {
        String[][] features = new String[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t].toLowerCase(java.util.Locale.ROOT);
            String previous = t == 0 ? "^" : tokens[t - 1].toLowerCase(java.util.Locale.ROOT);
            String shape = shape(tokens[t]);
            boolean function = shape.equals("h") && FUNCTION_CHARACTERS.indexOf(token.charAt(0)) >= 0;
            features[t] = function ? new String[] {"s=" + shape, "b=" + previous + "|" + token, "fn"}
                    : new String[] {"s=" + shape, "b=" + previous + "|" + token};
        }
        return features;
    }

    private static String shape(String token) {
        int first = token.codePointAt(0);
        if (Character.UnicodeScript.of(first) == Character.UnicodeScript.HAN) {
            return "h";
        }
        boolean letters = false;
        boolean digits = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            letters |= Character.isLetter(c);
            digits |= Character.isDigit(c);
        }
        if (letters && digits) {
            return "a";
        }
        if (digits) {
            return "d";
        }
        return letters ? (Character.isUpperCase(first) ? "L" : "l") : "p";
    }

    public int size() {
        return tokens.length;
    }

    /** The index of the token that starts exactly at {@code offset}, or -1. */
    public int tokenStartingAt(int offset) {
        for (int t = 0; t < starts.length; t++) {
            if (starts[t] == offset) {
                return t;
            }
        }
        return -1;
    }

    /** The index of the token that ends exactly at {@code offset}, or -1. */
    public int tokenEndingAt(int offset) {
        for (int t = 0; t < ends.length; t++) {
            if (ends[t] == offset) {
                return t;
            }
        }
        return -1;
    }
}
