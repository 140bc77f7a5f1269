package io.lingxi.analytics.masking;

import java.util.List;

/** A text with its personal data replaced, and what was found in the original. */
public record MaskedText(String text, List<Finding> findings) {
}
