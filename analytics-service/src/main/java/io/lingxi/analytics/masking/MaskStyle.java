package io.lingxi.analytics.masking;

/** How a found value is written in masked text. */
public enum MaskStyle {
    /** The kind as a tag, e.g. {@code [PHONE]}: nothing of the value is left. */
    TAG,
    /** Part of the value kept so people can tell values apart, e.g. {@code 138****5678}, {@code z***@example.com}. */
    PARTIAL
}
