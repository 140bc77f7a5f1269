package io.lingxi.gateway.domain;

import io.lingxi.contracts.events.QuickReply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shapes a reply for a voice channel: no links, no markup, no buttons (offered as words instead), and short
 * sentences a text-to-speech engine reads well.
 */
public final class SpeechText {

    /** Longest sentence handed to text-to-speech, in characters. */
    public static final int MAX_SENTENCE = 40;

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MARKUP = Pattern.compile("[*_`#>|~]+|<[^>]+>");
    private static final Pattern SYMBOLS = Pattern.compile("[\\p{So}\\p{Cs}\\x{FE0F}\\x{200D}]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?；;])|\\R+|(?<=[.])\\s+");
    private static final Pattern PAUSE = Pattern.compile("(?<=[，,、：:])");

    private SpeechText() {
    }

    public static List<String> shape(String text, List<QuickReply> quickReplies, String language) {
        String clean = MARKDOWN_LINK.matcher(text == null ? "" : text).replaceAll("$1");
        clean = URL.matcher(clean).replaceAll("");
        clean = MARKUP.matcher(clean).replaceAll("");
        clean = SYMBOLS.matcher(clean).replaceAll("");
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(clean)) {
            addShort(sentence.replaceAll("\\s+", " ").trim(), sentences);
        }
        if (quickReplies != null && !quickReplies.isEmpty()) {
            boolean english = language != null && language.startsWith("en");
            List<String> labels = quickReplies.stream().map(QuickReply::label).filter(l -> l != null && !l.isBlank())
                    .toList();
            if (!labels.isEmpty()) {
                sentences.add(english ? "You can say: " + String.join(", ", labels) + "."
                        : "您可以说：" + String.join("、", labels) + "。");
            }
        }
        return sentences;
    }

    private static void addShort(String sentence, List<String> out) {
        if (sentence.isEmpty() || sentence.matches("[\\p{Punct}\\p{IsPunctuation}\\s]*")) {
            return;
        }
        if (sentence.length() <= MAX_SENTENCE) {
            out.add(sentence);
            return;
        }
        StringBuilder current = new StringBuilder();
        for (String piece : PAUSE.split(sentence)) {
            if (current.length() > 0 && current.length() + piece.length() > MAX_SENTENCE) {
                out.add(current.toString().trim());
                current.setLength(0);
            }
            current.append(piece);
            while (current.length() > MAX_SENTENCE) {
                out.add(current.substring(0, MAX_SENTENCE).trim());
                current.delete(0, MAX_SENTENCE);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
    }
}
