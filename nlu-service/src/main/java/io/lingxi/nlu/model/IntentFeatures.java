package io.lingxi.nlu.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns normalised text into the maxent model's context. Chinese has no spaces, so a run of Han characters
 * gives its characters and character bigrams and trigrams, with boundary markers so that "怎么" at the start
 * of a run differs from "怎么" inside one. English gives lightly stemmed words, word bigrams and character
 * n-grams of each word (robust to typos and inflection; 4-grams only by default, which kept BANKING77 accuracy
 * and halved training time against 3–5-grams). Mixed text simply yields both kinds.
 */
public final class IntentFeatures {

    /** Which feature families to emit; the defaults are what the benchmark settled on. */
    public record Options(boolean hanTrigrams, boolean wordBigrams, int charGramMin, int charGramMax,
            boolean wordTrigrams, boolean hanFourGrams) {
        public static final Options DEFAULT = new Options(true, true, 4, 4, false, false);
    }

    private final Options options;

    public IntentFeatures() {
        this(Options.DEFAULT);
    }

    public IntentFeatures(Options options) {
        this.options = options;
    }

    public String[] extract(String normalized) {
        Set<String> features = new LinkedHashSet<>();
        features.add("bias");
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = normalized.length();
        while (i < n) {
            int cp = normalized.codePointAt(i);
            if (isHan(cp)) {
                int start = i;
                while (i < n && isHan(normalized.codePointAt(i))) {
                    i += Character.charCount(normalized.codePointAt(i));
                }
                String run = normalized.substring(start, i);
                han(run, features);
                words.add("⟨han⟩");
            } else if (Character.isLetterOrDigit(cp) || cp == '⟨' || cp == '\'') {
                int start = i;
                while (i < n) {
                    int c = normalized.codePointAt(i);
                    if (isHan(c) || !(Character.isLetterOrDigit(c) || c == '⟨' || c == '⟩' || c == '\'')) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                String word = normalized.substring(start, i);
                if (word.startsWith("⟨")) {
                    features.add("p:" + word);
                    words.add(word);
                } else {
                    String stem = stem(word);
                    features.add("w:" + stem);
                    charGrams(word, features);
                    words.add(stem);
                }
            } else {
                if (cp == '?' || cp == '？') {
                    features.add("q");
                }
                i += Character.charCount(cp);
            }
        }
        if (options.wordBigrams()) {
            String previous = "^";
            for (String word : words) {
                features.add("wb:" + previous + "_" + word);
                previous = word;
            }
            if (!words.isEmpty()) {
                features.add("wb:" + previous + "_$");
            }
        }
        if (options.wordTrigrams() && words.size() > 2) {
            for (int k = 2; k < words.size(); k++) {
                features.add("wt:" + words.get(k - 2) + "_" + words.get(k - 1) + "_" + words.get(k));
            }
        }
        return features.toArray(String[]::new);
    }

    private void han(String run, Set<String> features) {
        int len = run.length();
        for (int k = 0; k < len; k++) {
            features.add("c:" + run.charAt(k));
        }
        String marked = "^" + run + "$";
        for (int k = 0; k + 2 <= marked.length(); k++) {
            features.add("b:" + marked.substring(k, k + 2));
        }
        if (options.hanTrigrams()) {
            for (int k = 0; k + 3 <= marked.length(); k++) {
                features.add("t:" + marked.substring(k, k + 3));
            }
        }
        if (options.hanFourGrams()) {
            for (int k = 0; k + 4 <= marked.length(); k++) {
                features.add("f:" + marked.substring(k, k + 4));
            }
        }
    }

    private void charGrams(String word, Set<String> features) {
        if (options.charGramMax() <= 0 || word.length() < 3) {
            return;
        }
        String marked = "<" + word + ">";
        for (int size = options.charGramMin(); size <= options.charGramMax(); size++) {
            for (int k = 0; k + size <= marked.length(); k++) {
                features.add("g:" + marked.substring(k, k + size));
            }
        }
    }

    /** A light suffix stripper: enough to join "parcels"/"parcel", "charged"/"charge", "arriving"/"arrive". */
    static String stem(String word) {
        int n = word.length();
        if (n > 5 && word.endsWith("ing")) {
            return word.substring(0, n - 3);
        }
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n > 4 && word.endsWith("ed")) {
            return word.substring(0, n - 2);
        }
        if (n > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, n - 1);
        }
        if (word.endsWith("n't")) {
            return word.substring(0, n - 3) + "~not";
        }
        return word;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
