package io.lingxi.nlu.model;

/** One training or test example: a text and the intent it expresses ({@code oos} for out of scope). */
public record LabeledText(String text, String intent) {

    /** Label of out-of-scope examples; the model answers them with the fallback intent. */
    public static final String OUT_OF_SCOPE = "oos";
}
